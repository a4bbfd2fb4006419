import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {FlinkReportView} from '../../source/commands/flink-view.js';
import {readConfiguration} from '../../source/commands/flink.js';
import {layoutBar} from '../../source/flink/bar.js';
import {computeJobManagerMemory, JOB_MANAGER_PARTS} from '../../source/flink/jobmanager-memory.js';
import {jobManagerReport, renderJson, renderPlainReport, taskManagerReport} from '../../source/flink/report.js';
import {computeTaskManagerMemory, TASK_MANAGER_PARTS} from '../../source/flink/taskmanager-memory.js';
import {conf} from './helpers.js';

const DEFAULT_TM = taskManagerReport(computeTaskManagerMemory(conf({'taskmanager.memory.process.size': '1728m'})));

describe('Flink memory report', () => {
	it('prints the default TaskManager as aligned plain text with its model and JVM arguments', () => {
		expect(renderPlainReport(DEFAULT_TM, {color: false, width: 72})).toBe(
			[
				'Flink TaskManager memory, derived from Total Process Memory',
				'',
				'Component                    Size       Bytes  Option                                      How',
				'----------------------------------------------------------------------------------------------------------------------------------',
				'Framework Heap        128.000 MiB   134217728  taskmanager.memory.framework.heap.size      default 128m',
				'Task Heap             384.000 MiB   402653174  taskmanager.memory.task.heap.size           rest of Total Flink',
				'Managed Memory        512.000 MiB   536870920  taskmanager.memory.managed.fraction         0.4 × Total Flink',
				'Framework Off-Heap    128.000 MiB   134217728  taskmanager.memory.framework.off-heap.size  default 128m',
				'Task Off-Heap                 0 B           0  taskmanager.memory.task.off-heap.size       default 0',
				'Network               128.000 MiB   134217730  taskmanager.memory.network.fraction         0.1 × Total Flink',
				'JVM Metaspace         256.000 MiB   268435456  taskmanager.memory.jvm-metaspace.size       default 256m',
				'JVM Overhead          192.000 MiB   201326592  taskmanager.memory.jvm-overhead.min         0.1 × Total Process = 172.800 MiB < min',
				'----------------------------------------------------------------------------------------------------------------------------------',
				'Total Flink Memory      1.250 GiB  1342177280  taskmanager.memory.flink.size               Total Process − Metaspace − Overhead',
				'Total Process Memory    1.688 GiB  1811939328  taskmanager.memory.process.size             set to 1728m',
				'',
				'Memory model (1.688 GiB total process memory)',
				'+- JVM Heap ---------+- Off-Heap --------------------+- JVM ------------+',
				'|FH  |Task Heap      |Managed Memory       |FO  |NW  |MS        |OV     |',
				'FH = Framework Heap, FO = Framework Off-Heap, NW = Network, MS = JVM Metaspace, OV = JVM Overhead',
				'',
				'JVM arguments',
				'  -Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456',
				'',
			].join('\n'),
		);
	});

	it('colours the bar only when asked', () => {
		const coloured = renderPlainReport(DEFAULT_TM, {color: true, width: 72});
		expect(coloured).toContain('\u001B[30;42m Managed Memory');
		expect(renderPlainReport(DEFAULT_TM, {color: false, width: 72})).not.toContain('\u001B[');
	});

	it('lays the bar out in proportion, every visible part at least three columns wide', () => {
		const laid = layoutBar(DEFAULT_TM.segments, 72);
		expect(laid.reduce((sum, part) => sum + part.columns, 0)).toBe(72);
		expect(laid.map(part => part.segment.label)).not.toContain('Task Off-Heap'); // 0 bytes: not drawn
		const managed = laid.find(part => part.segment.label === 'Managed Memory')!;
		expect(Math.abs(managed.columns - (72 * 536870920) / 1811939328)).toBeLessThan(1);
		expect(Math.min(...laid.map(part => part.columns))).toBeGreaterThanOrEqual(3);
	});

	it('writes --json with the byte counts under Flink part names', () => {
		const memory = computeTaskManagerMemory(conf({'taskmanager.memory.process.size': '1728m'}));
		const json = JSON.parse(renderJson(memory, TASK_MANAGER_PARTS, memory.jvmArgs));
		expect(Object.keys(json)).toEqual([...TASK_MANAGER_PARTS, 'jvmArgs']);
		expect(json.taskHeap).toBe(402653174);
		expect(json.jvmArgs).toEqual({
			xmx: 536870902,
			xms: 536870902,
			maxDirectMemorySize: 268435458,
			maxMetaspaceSize: 268435456,
			commandLine: '-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456',
		});
		const jm = computeJobManagerMemory(conf({'jobmanager.memory.process.size': '1600m'}));
		expect(Object.keys(JSON.parse(renderJson(jm, JOB_MANAGER_PARTS, jm.jvmArgs)))).toEqual([
			'jvmHeap',
			'offHeap',
			'metaspace',
			'overhead',
			'totalFlink',
			'totalProcess',
			'jvmArgs',
		]);
	});

	it('renders the ink view with a table, the bar and the JVM arguments', () => {
		// ink-testing-library's terminal is 100 columns wide: the How column is left out so the table fits.
		const {lastFrame, unmount} = render(createElement(FlinkReportView, {report: DEFAULT_TM, color: false, width: 72, terminalColumns: 100}));
		const frame = lastFrame()!;
		expect(frame).toContain('│ Managed Memory       │ 512.000 MiB │  536870920 │ taskmanager.memory.managed.fraction        │');
		expect(frame).not.toContain('0.4 × Total Flink');
		expect(frame).toContain('|FH  |Task Heap      |Managed Memory       |FO  |NW  |MS        |OV     |');
		expect(frame).toContain('-Xmx536870902 -Xms536870902');
		unmount();
	});

	it('drops the widest table columns in a narrow terminal instead of wrapping', () => {
		const report = jobManagerReport(computeJobManagerMemory(conf({'jobmanager.memory.process.size': '1600m'})));
		const {lastFrame, unmount} = render(createElement(FlinkReportView, {report, color: false, width: 60, terminalColumns: 60}));
		expect(lastFrame()).toContain('│ JVM Heap             │   1.000 GiB │ 1073741824 │');
		expect(lastFrame()).not.toContain('jobmanager.memory.heap.size');
		unmount();
	});

	it('lets -D settings win over the configuration file, in order', () => {
		const entries = readConfiguration({define: ['a.b=1', 'c = x=y', 'a.b=2']});
		expect(Object.fromEntries(entries)).toEqual({'a.b': '2', c: 'x=y'});
		expect(() => readConfiguration({define: ['novalue']})).toThrow("-D expects key=value, got 'novalue'");
		expect(() => readConfiguration({conf: '/nonexistent/flink-conf.yaml', define: []})).toThrow(
			'cannot read Flink configuration /nonexistent/flink-conf.yaml: no such file',
		);
	});
});
