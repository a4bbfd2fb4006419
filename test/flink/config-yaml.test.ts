import {describe, expect, it} from 'vitest';
import {InputError} from '../../source/commands/input-error.js';
import {parseFlinkConfig} from '../../source/flink/config-yaml.js';
import {computeTaskManagerMemory} from '../../source/flink/taskmanager-memory.js';

function parseError(text: string): InputError {
	try {
		parseFlinkConfig(text, 'conf/config.yaml');
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('the text parsed');
}

describe('Flink configuration files', () => {
	it('reads the flat flink-conf.yaml of Flink 1.x', () => {
		// Source: flink-dist's flink-conf.yaml (Flink 1.17): flat `key: value` lines and comments.
		const entries = parseFlinkConfig(
			[
				'# The total process memory size for the TaskManager.',
				'taskmanager.memory.process.size: 1728m',
				'jobmanager.memory.process.size: 1600m   # trailing comment',
				'env.java.opts.all: -XX:+UseG1GC -Dkey=value#not-a-comment',
				'high-availability.storageDir: hdfs:///flink/ha/',
				'',
			].join('\n'),
			'flink-conf.yaml',
		);
		expect(Object.fromEntries(entries)).toEqual({
			'taskmanager.memory.process.size': '1728m',
			'jobmanager.memory.process.size': '1600m',
			'env.java.opts.all': '-XX:+UseG1GC -Dkey=value#not-a-comment',
			'high-availability.storageDir': 'hdfs:///flink/ha/',
		});
	});

	it('flattens the nested config.yaml of Flink 1.19+ / 2.x', () => {
		// Source: flink-dist's config.yaml (Flink 2.0): nested maps, quoted strings, lists.
		const entries = parseFlinkConfig(
			[
				'jobmanager:',
				'  bind-host: localhost',
				'  memory:',
				'    process:',
				'      size: 1600m',
				'taskmanager:',
				'  numberOfTaskSlots: 1',
				'  memory:',
				'    process:',
				"      size: '1728m'",
				'    managed:',
				'      fraction: "0.4"',
				'      consumer-weights: {OPERATOR: 70, STATE_BACKEND: 70, PYTHON: 30}',
				'pipeline.jars: [a.jar, "b,c.jar"]',
				'classloader:',
				'  parent-first-patterns:',
				'    additional:',
				'    - org.apache.',
				'    - com.example.',
				'parallelism.default: 1',
			].join('\n'),
			'config.yaml',
		);
		expect(Object.fromEntries(entries)).toEqual({
			'jobmanager.bind-host': 'localhost',
			'jobmanager.memory.process.size': '1600m',
			'taskmanager.numberOfTaskSlots': '1',
			'taskmanager.memory.process.size': '1728m',
			'taskmanager.memory.managed.fraction': '0.4',
			'taskmanager.memory.managed.consumer-weights': 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30',
			'pipeline.jars': 'a.jar;b,c.jar',
			'classloader.parent-first-patterns.additional': 'org.apache.;com.example.',
			'parallelism.default': '1',
		});
		expect(computeTaskManagerMemory(entries).totalProcess).toBe(1728n << 20n);
	});

	it.each([
		['taskmanager.memory.process.size 1728m', 1, "expected 'key: value'"],
		['taskmanager.memory.process.size:1728m', 1, 'a space must follow the colon'],
		['taskmanager:\n    memory:\n      size: 1g\n  numberOfTaskSlots: 2', 4, 'bad indentation: expected 4 spaces, found 2'],
		['a: 1\n  b: 2', 2, 'bad indentation'],
		['taskmanager:\n\tmemory: 1', 2, 'tabs are not allowed'],
		['key: "unterminated', 1, 'unterminated double-quoted string'],
		['key: |\n  text', 1, 'block scalars'],
		['key: &anchor 1', 1, 'anchors'],
		['- item', 1, 'a list item must follow'],
		['a: [1, [2]]', 1, 'nested lists'],
	])('reports %j as FILE:LINE: what is wrong', (text, line, what) => {
		// Malformed lines must name the file and line, and the CLI exits 2 (InputError).
		const error = parseError(text);
		expect(error.message).toMatch(new RegExp(`^conf/config\\.yaml:${line}: `));
		expect(error.message).toContain(what);
	});
});
