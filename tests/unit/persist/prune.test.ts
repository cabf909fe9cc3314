import { describe, expect, it } from 'vitest';
import { runsToPrune, totalBytes } from '$lib/persist/prune';
import type { RunSummary } from '$lib/persist/record';

const run = (id: string, page: string, savedAt: number, bytes = 1000): RunSummary => ({
	id,
	page,
	savedAt,
	epochsDone: 1,
	stepsDone: 235,
	accuracy: null,
	bytes
});

describe('runsToPrune', () => {
	it('keeps the newest few runs of each page', () => {
		const runs = [
			run('p1', 'playground', 1),
			run('p2', 'playground', 2),
			run('p3', 'playground', 3),
			run('p4', 'playground', 4),
			run('l1', 'lesson', 1),
			run('d1', 'draw', 5)
		];
		expect(runsToPrune(runs, 3)).toEqual(['p1']);
		expect(runsToPrune(runs, 1).sort()).toEqual(['p1', 'p2', 'p3']);
	});

	it('drops the oldest runs to fit the byte budget, but never the newest of a page', () => {
		const runs = [
			run('p1', 'playground', 1, 50),
			run('p2', 'playground', 2, 50),
			run('l1', 'lesson', 3, 50),
			run('l2', 'lesson', 4, 50)
		];
		expect(runsToPrune(runs, 3, 120).sort()).toEqual(['l1', 'p1']);
		expect(runsToPrune(runs, 3, 10).sort()).toEqual(['l1', 'p1']);
		expect(runsToPrune(runs, 3, 200)).toEqual([]);
	});

	it('adds up what is kept', () => {
		expect(totalBytes([run('a', 'x', 1, 10), run('b', 'x', 2, 32)])).toBe(42);
	});
});
