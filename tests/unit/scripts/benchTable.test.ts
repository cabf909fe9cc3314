import { describe, expect, it } from 'vitest';
import type { BenchReport, ModelResult, PairReport } from '$lib/bench/protocol';
import { parseReference } from '../../../scripts/bench/reference';
import { formatPairs, formatReport, versusPytorch } from '../../../scripts/bench/table';

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

function result(model: 'linear' | 'mlp', trainSeconds: number): ModelResult {
	return {
		model,
		backend: 'wasm',
		trainCount: 60_000,
		ours: {
			trainSeconds,
			epochSeconds: trainSeconds + 0.03,
			validateSeconds: 0.031,
			examplesPerSecond: 60_000 / trainSeconds,
			trainLoss: 0.4,
			accuracy: 0.9
		},
		fit: { seconds: 2, examplesPerSecond: 30_000, trainLoss: 0.5 },
		ratio: 2 / trainSeconds,
		kernelsPerStep: { ours: 27.2, fit: 61.4 },
		leakedTensors: 0
	};
}

describe('the results table', () => {
	it('shows epoch, validation and fit times, the ratio and kernels per step of both', () => {
		const text = formatReport({
			...REPORT,
			results: [result('linear', 0.2)],
			crossOriginIsolated: false
		});
		const row = text.split('\n').find((l) => l.startsWith('linear'))!;
		expect(row).toMatch(/linear\s+wasm\s+0\.20 s\s+0\.031 s\s+2\.00 s\s+10\.00\s+27 \/ 61/);
		expect(text).toContain('cross-origin isolated: no');
		expect(text).not.toContain('PyTorch');
	});

	it('puts the notebook\u2019s PyTorch time beside ours when a reference is given', () => {
		const reference = parseReference('{"linear": 0.39, "mlp": 1.12, "machine": "2 cores"}');
		expect(reference).toEqual({ seconds: { linear: 0.39, mlp: 1.12 }, machine: '2 cores' });
		expect(versusPytorch(result('linear', 0.195), reference)).toBe('0.39 s (ours 2.0x as fast)');
		const text = formatReport({ ...REPORT, results: [result('mlp', 0.4)], reference });
		expect(text).toMatch(/the notebook's PyTorch/);
		expect(text).toMatch(/mlp .*1\.12 s \(ours 2\.8x as fast\)/);
		expect(text).toContain("the notebook's PyTorch: 2 cores");
		// A model the reference does not name gets an empty cell.
		expect(versusPytorch(result('mlp', 0.4), parseReference('{"linear": 0.39}'))).toBe('');
	});

	it('says what is wrong with a reference file', () => {
		expect(() => parseReference('not json', 'ref.json')).toThrow(/ref.json is not JSON/);
		expect(() => parseReference('[1]')).toThrow(/should hold an object/);
		expect(() => parseReference('{"linear": -1}')).toThrow(/"linear" should be seconds per epoch/);
		expect(() => parseReference('{"machine": "x"}')).toThrow(/names no model/);
	});
});
