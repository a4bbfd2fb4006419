import {describe, expect, it} from 'vitest';
import {Interner} from '../../source/engine/interner.js';
import {LineReader} from '../../source/io/line-reader.js';
import {ValgrindParser, ValgrindSource, openValgrind} from '../../source/workloads/valgrind.js';
import {brief, liveAfter, readEvents} from './read-events.js';

const traces = 'fixtures/traces';

function sourceOf(text: string): ValgrindSource {
	const sites = new Interner();
	return new ValgrindSource('test.log', sites, LineReader.fromText('test.log', text), new ValgrindParser(sites));
}

describe('valgrind --trace-malloc logs', () => {
	it.each([
		['sort.valgrind', 272, 15],
		['awk.valgrind', 14_504, 6],
		['sqlite3.valgrind', 0, 0],
		['ninja.valgrind', 3424, 44],
		['python3.valgrind', 393_984, 3],
		['allocators.valgrind', 5000, 1],
		['sort.valgrind.gz', 272, 15],
		['python3-malloc.valgrind.gz', 52_849, 474],
	])('%s ends with the live bytes and blocks valgrind counted at exit', async (file, bytes, blocks) => {
		const source = await openValgrind(`${traces}/${file}`);
		expect(source.hasGraph).toBe(false);
		expect(source.expectedInUse).toBeUndefined(); // not known before the summary has been read
		const events = await readEvents(source);
		expect(source.expectedInUse).toEqual({bytes, blocks});
		expect(liveAfter(events)).toEqual({bytes, blocks});
	});

	it('turns every allocator spelling of a real run into events with stable ids', async () => {
		const events = await readEvents(await openValgrind(`${traces}/allocators.valgrind`));
		expect(events.map(brief)).toEqual([
			'a 0 72704 malloc @7', // libstdc++'s emergency pool, freed at exit
			'a 1 16 malloc @8',
			'r 1 100 @9', // moved: same id, new address
			'r 1 5000 @10',
			'a 2 7 realloc @11', // realloc(0x0,7)malloc(7)
			'a 3 30 calloc @12',
			'f 3 0 @13', // realloc(p,0)free(p); line 14 " = 0" carries nothing
			'a 4 200 memalign @15',
			'a 5 40 memalign @16', // posix_memalign
			'a 6 256 memalign @17', // aligned_alloc
			'a 7 10 memalign @18', // valloc
			'a 8 40 new[] @19',
			'f 8 0 @20',
			'a 9 4 new @21',
			'f 9 0 @22', // _ZdlPvm: sized delete
			'a 10 128 new @23', // _ZnwmSt11align_val_t(size 128, al 64)
			'f 10 0 @24',
			'a 11 384 new[] @25',
			'f 11 0 @26',
			'f 4 0 @27',
			'f 5 0 @28',
			'f 6 0 @29',
			'f 7 0 @30',
			'f 2 0 @31',
			// line 32: malloc(2^50) = 0x0 failed; line 33: malloc_usable_size changes nothing
			'a 12 4096 malloc @34', // printf's buffer
			'f 0 0 @35',
			// free(0x0) is a no-op
			'f 12 0 @38',
		]);
	});

	it('reads time-stamped prefixes, other releases’ spellings, and skips everything else', async () => {
		const log = [
			'==77== Memcheck, a memory error detector',
			'--77-- malloc(16) = 0x1000',
			'program output that mentions malloc(16) = 0x2000',
			'--00:00:00:01.250 77-- _ZnwmSt11align_val_t(64,32) = 0x2000',
			'--77-- _ZdlPvm(0x2000,64)',
			'--77-- realloc(0x1000,0) = 0x0',
			'--77-- free(0x9999)',
			'--77-- malloc(8) = 0x1000',
			'--77-- realloc(0x1000,24) = 0x0',
			'--77-- malloc(9',
			'--77-- REDIR: 0x4a1 (libc.so.6:strlen) redirected to 0x48 (strlen)',
			'==77==     in use at exit: 8 bytes in 1 blocks',
		].join('\n');
		const source = sourceOf(log);
		expect((await readEvents(source)).map(brief)).toEqual([
			'a 0 16 malloc @2',
			'a 1 64 new @4',
			'f 1 0 @5',
			'f 0 0 @6', // newer valgrind: realloc(p,0) returning NULL freed p
			'f 2 0 @7', // an address never allocated: an invalid free, under an id no block has, so the run counts it
			'a 3 8 malloc @8',
			// line 9: a failed realloc leaves the block as it was
		]);
		expect(source.expectedInUse).toEqual({bytes: 8, blocks: 1});
	});

	it('parses thousands separators in the heap summary', async () => {
		const source = sourceOf('==1==     in use at exit: 1,234,567 bytes in 1,024 blocks\n');
		await readEvents(source);
		expect(source.expectedInUse).toEqual({bytes: 1_234_567, blocks: 1024});
	});

	it('leaves expectedInUse undefined for a log without a summary', async () => {
		const source = sourceOf('--1-- malloc(1) = 0x10\n');
		await readEvents(source);
		expect(source.expectedInUse).toBeUndefined();
	});
});
