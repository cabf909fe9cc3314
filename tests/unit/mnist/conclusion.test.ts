import { describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';
import {
	bestRows,
	bestRunIndex,
	capacityEvidence,
	nextTestIndex,
	runRows,
	sgdEvidence
} from '$content/lessons/01-mnist/steps/13-conclusion/conclusion';

const base: RunConfig = {
	model: 'linear',
	lr: 0.1,
	batchSize: 256,
	epochs: 2,
	initStd: 1,
	hidden: 30,
	order: 'sequential',
	seed: 1,
	accuracy: 'notebook',
	trainSubset: 0
};

const epochs = (losses: number[], accuracy: number): EpochMetrics[] =>
	losses.map((trainLoss, i) => ({
		epoch: i + 1,
		trainLoss,
		validLoss: 1,
		validAccuracy: accuracy,
		exactAccuracy: accuracy,
		notebookAccuracy: 0.5,
		seconds: 1
	}));

const runs = [
	{ label: 'notebook', config: base, epochs: epochs([2, 1], 0.637) },
	{ label: 'net', config: { ...base, model: 'mlp' as const }, epochs: epochs([1.5, 0.4], 0.95) },
	{
		label: 'net 100 units, 500 digits',
		config: { ...base, model: 'mlp' as const, hidden: 100, trainSubset: 500 },
		epochs: epochs([2, 0.01], 0.85)
	}
];

describe('conclusion rows', () => {
	it('names the model, the data and the final exact accuracy', () => {
		const rows = runRows(runs);
		expect(rows.map((r) => r.model)).toEqual(['linear', 'net, 30 hidden', 'net, 100 hidden']);
		expect(rows.map((r) => r.data)).toEqual(['all', 'all', 'first 500']);
		expect(rows[1]).toMatchObject({ exact: 0.95, epochs: 2, isNet: true });
	});

	it('finds the best run of each kind and says so with numbers', () => {
		const rows = runRows(runs);
		const best = bestRows(rows);
		expect(best.linear?.label).toBe('notebook');
		expect(best.net?.label).toBe('net');
		const text = capacityEvidence(rows);
		expect(text).toContain('63.7%');
		expect(text).toContain('95.0%');
		expect(capacityEvidence([])).toContain('step 8');
		expect(capacityEvidence(rows.slice(0, 1))).toContain('step 11');
	});

	it('tells how far the loss fell', () => {
		const text = sgdEvidence(runRows(runs));
		expect(text).toContain('3 runs of two epochs or more (6 epochs in all)');
		expect(text).toContain('fell in 3');
		// The largest fall is the example: 2.000 to 0.010.
		expect(text).toContain(
			'from 2.000 after the first epoch of “net 100 units, 500 digits” to 0.010'
		);
		expect(sgdEvidence([])).toContain('Once you train');
		// One-epoch runs have no fall to show.
		const short = runRows([{ ...runs[0], epochs: epochs([2], 0.5) }]);
		expect(sgdEvidence(short)).toContain('one epoch each');
	});
});

describe('the model step 13 reads digits with', () => {
	it('is the run with the highest final exact accuracy', () => {
		expect(bestRunIndex(runs)).toBe(1);
		expect(bestRunIndex([])).toBeNull();
	});

	it('asks about test digits on a walk that skips the picker’s digits', () => {
		expect(nextTestIndex(null)).toBe(1234);
		expect(nextTestIndex(1234)).toBe((1234 + 7919) % 10_000);
		expect(nextTestIndex(null, [1234])).toBe((1234 + 7919) % 10_000);
		const seen = new Set<number>();
		let i: number | null = null;
		for (let k = 0; k < 200; k++) seen.add((i = nextTestIndex(i)));
		expect(seen.size).toBe(200);
	});
});
