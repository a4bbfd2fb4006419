import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {flinkSlice} from '../../source/flink/sim/flink-slice.js';
import {ColorContext} from '../../source/ui/components/color.js';
import {FlinkPane} from '../../source/ui/panes/flink.js';
import {FlinkScript, runFlink} from './sim-script.js';

async function sliceAfter(script: string) {
	const {flink} = await runFlink(new FlinkScript(script));
	return flinkSlice(flink.memory);
}

function draw(slice: Awaited<ReturnType<typeof sliceAfter>>, width = 100, height = 10): string[] {
	const {lastFrame} = render(
		<ColorContext.Provider value={false}>
			<FlinkPane slice={slice} width={width} height={height} focused={false} />
		</ColorContext.Provider>,
	);
	return lastFrame()!.split('\n');
}

describe('the Flink pane', () => {
	it('shows the memory model bar with configured sizes, then managed and network memory used now', async () => {
		const lines = draw(await sliceAfter(`a 1 ${4096 * 32768} sort.buffer slot0/op\na 2 16 network.gate slot0/op`));
		expect(lines[0]).toMatch(/^╭─ Flink ─+ 1 slot · 32\.0 KiB pages ─╮$/);
		expect(lines[1]).toMatch(/^│\+- JVM Heap -+\+- Off-Heap -+\+- JVM -+\+ *│$/);
		expect(lines[2]).toContain('|Managed Memory');
		expect(lines[2]).toContain('|NW');
		const gauge = '█'.repeat(8) + '░'.repeat(22);
		expect(lines[3]).toBe(`│managed  ${gauge}  25.0%  128.0 MiB / 512.0 MiB  4096/16384 pages`.padEnd(99) + '│');
		expect(lines[4]).toContain('network  ');
		expect(lines[4]).toContain('1.0 MiB / 128.0 MiB  33/4096 buffers');
		expect(lines[5]).toContain('OPERATOR 4096/16384 pages (per slot 16384)');
	});

	it("shows the last refusal in Flink's words", async () => {
		const lines = draw(await sliceAfter(`a 1 ${16385 * 32768} sort.buffer slot0/op`), 140);
		expect(lines.join('\n')).toContain('1 refused: Could not allocate 16385 pages. Only 16384 pages are remaining');
	});

	it('keeps to its height', async () => {
		const lines = draw(await sliceAfter(`a 1 ${16385 * 32768} sort.buffer slot0/op`), 80, 5);
		expect(lines).toHaveLength(5);
		expect(lines[4]).toMatch(/^╰─+╯$/);
	});
});
