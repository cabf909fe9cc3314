import { describe, expect, it } from 'vitest';
import type { BenchReport, PairReport } from '$lib/bench/protocol';
import { formatPairs, formatReport } from '../../../scripts/bench/table';

function pair(runs: 1 | 2, rates: number[], longestTaskMs: number): PairReport {
	return {
		model: 'mlp',
		backend: 'auto',
		actualBackend: 'wasm',
		runs,
		trainCount: 60_000,
		seconds: rates.map((r) => 60_000 / r),
		examplesPerSecond: rates,
		accuracy: rates.map(() => 0.9),
		longestTaskMs,
		longTaskCount: longestTaskMs > 0 ? 2 : 0
	};
}

const REPORT: BenchReport = {
	done: true,
	startedAt: '2026-11-29T00:00:00.000Z',
	userAgent: 'test',
	timing: 'ours = ...',
	backends: [],
	results: [],
	longTasks: [],
	longestTaskOverallMs: 0,
	longTaskSupported: true
};

describe('formatPairs', () => {
	it('shows each run’s rate, their sum, the share of the lone run’s speed and the longest task', () => {
		const text = formatPairs([pair(1, [18_000], 0), pair(2, [9_500, 8_500], 72.4)], true);
		const lines = text.split('\n');
		const one = lines.find((l) => l.includes('1 run'))!;
		const two = lines.find((l) => l.includes('2 runs, 2 workers'))!;
		expect(one).toMatch(/mlp\s+wasm\s+1 run\s+18,000\s+18,000\s+none >= 50 ms/);
		expect(two).toMatch(/9,500 \/ 8,500\s+18,000\s+53% \/ 47%\s+72 ms \(2\)/);
		expect(text).toContain('incl. validation');
	});

	it('says when it was not measured or long tasks are not observable', () => {
		expect(formatPairs([], true)).toBe('two runs at once: not measured');
		expect(formatPairs([pair(1, [1000], 0)], false)).toMatch(/n\/a$/);
	});
});

describe('formatReport', () => {
	it('appends the two-runs table, or why it failed; older reports without it still print', () => {
		const withPairs = formatReport({ ...REPORT, pairs: [pair(1, [18_000], 0)] });
		expect(withPairs).toContain('two runs at once (each its own engine worker');
		expect(formatReport({ ...REPORT, pairError: 'the worker stopped' })).toContain(
			'two runs at once: failed: the worker stopped'
		);
		expect(formatReport(REPORT)).toContain('two runs at once: not measured');
	});
});
