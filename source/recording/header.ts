import {resolve} from 'node:path';
import type {SimulationParams} from '../engine/params.js';
import {fingerprintFile, readFileBase64} from '../io/session-file.js';
import {memsimVersion} from './version.js';
import {
	sessionFormatVersion,
	type RecordedHost,
	type RecordedRunOptions,
	type RecordedWorkload,
	type SessionHeader,
} from './format.js';

export interface WorkloadDescription {
	readonly workload?: string;
	readonly trace?: string;
	readonly seed: number;
	readonly events?: number;
}

/** What the run was asked to play, and for a trace its fingerprint (and bytes, with `--embed`). */
export async function recordWorkload(choice: WorkloadDescription, generatorName: string, embed: boolean): Promise<RecordedWorkload> {
	if (choice.trace === undefined) {
		return choice.events === undefined
			? {kind: 'generator', name: generatorName, seed: choice.seed}
			: {kind: 'generator', name: generatorName, seed: choice.seed, events: choice.events};
	}
	const {size, sha256} = await fingerprintFile(choice.trace);
	const base = {kind: 'trace' as const, path: choice.trace, absolutePath: resolve(choice.trace), size, sha256};
	return embed ? {...base, embedded: await readFileBase64(choice.trace)} : base;
}

/** OS, CPU and memory from systeminformation (loaded on first use: it is a large module). */
export async function recordHost(): Promise<RecordedHost> {
	const node = process.version;
	try {
		const {default: si} = await import('systeminformation');
		const [os, cpu, mem] = await Promise.all([si.osInfo(), si.cpu(), si.mem()]);
		return {
			os: `${os.distro} ${os.release} (${os.platform} ${os.arch})`.trim(),
			cpu: `${cpu.manufacturer} ${cpu.brand}`.trim(),
			cores: cpu.cores,
			memoryBytes: mem.total,
			node,
		};
	} catch {
		// A host we cannot describe still records: the session is about the simulation, not the machine.
		return {os: process.platform, cpu: 'unknown', cores: 0, memoryBytes: 0, node};
	}
}

export interface HeaderParts {
	readonly params: SimulationParams;
	readonly options: RecordedRunOptions;
	readonly workload: RecordedWorkload;
	readonly host: RecordedHost;
	readonly snapshotEvery: number;
	readonly startEvent?: number;
	readonly terminal?: {columns: number; rows: number};
}

export function sessionHeader(parts: HeaderParts, recordedAt: Date): SessionHeader {
	return {
		type: 'header',
		format: sessionFormatVersion,
		memsim: memsimVersion,
		recordedAt: recordedAt.toISOString(),
		params: parts.params,
		options: parts.options,
		workload: parts.workload,
		host: parts.host,
		...(parts.terminal ? {terminal: parts.terminal} : {}),
		snapshotEvery: parts.snapshotEvery,
		startEvent: parts.startEvent ?? 0,
	};
}
