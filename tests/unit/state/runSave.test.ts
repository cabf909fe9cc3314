import { describe, expect, it } from 'vitest';
import type { BatchSeries } from '$lib/state/batchSeries.svelte';
import { recordAt, type Saveable } from '$lib/state/runSave';
import { entry, linearWeights, runInput } from '../persist/fixtures';

function run(overrides: Partial<Saveable> = {}): Saveable {
	const steps = Float64Array.from({ length: 30 }, (_, i) => i + 1);
	const values = Float32Array.from({ length: 30 }, (_, i) => 1 / (i + 1));
	return {
		runId: 'r1',
		config: runInput().config,
		saveAs: 'playground',
		epochs: [1, 2, 3].map((epoch) => ({ ...runInput().epochs[0], epoch })),
		history: [0, 10, 20, 30].map(entry),
		batches: { all: () => ({ steps, values }) } as unknown as BatchSeries,
		lessonPlace: () => ({ step: 'train' }),
		...overrides
	};
}

const at = (stepsDone: number, epochsDone: number) => ({
	...runInput().position,
	batchesPerEpoch: 10,
	stepsDone,
	epochsDone
});

describe('recordAt', () => {
	it('takes everything up to the snapshot: batch losses 1..stepsDone, epochs, history', () => {
		const input = recordAt(run(), at(20, 2), linearWeights(2))()!;
		expect(Array.from(input.lossSteps)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(input.lossValues).toHaveLength(20);
		expect(input.epochs.map((m) => m.epoch)).toEqual([1, 2]);
		expect(input.history.map((e) => e.step)).toEqual([0, 10, 20]);
		expect(input.weights[0].values[0]).toBe(2);
		expect(input.lesson).toEqual({ step: 'train' });
		expect(input).toMatchObject({ id: 'r1', page: 'playground' });
	});

	it('saves nothing for a run replaced before the page was idle, or one without a page', () => {
		const state = run();
		const build = recordAt(state, at(20, 2), linearWeights(2));
		state.runId = 'r2';
		expect(build()).toBeNull();
		expect(recordAt(run({ saveAs: null }), at(20, 2), linearWeights(2))()).toBeNull();
	});
});
