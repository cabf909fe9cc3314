/** Small runs to save: a linear learner's shapes, numbers that tell the entries apart. */
import type { HistoryEntry, TensorSnapshot } from '$lib/engine/protocol';
import type { RunInput } from '$lib/persist/record';
import { defaults } from '$lib/share/schema';
import { RUN_CONFIG_SCHEMA } from '$lib/share/runConfig';

export function linearWeights(fill: number): TensorSnapshot[] {
	return [
		{ name: 'weights', shape: [784, 10], values: new Float32Array(7840).fill(fill) },
		{ name: 'bias', shape: [10], values: new Float32Array(10).fill(fill) }
	];
}

export function entry(step: number): HistoryEntry {
	return {
		step,
		epoch: step / 235,
		weights: linearWeights(step),
		gradient: step === 0 ? null : linearWeights(-step)[0]
	};
}

export function runInput(overrides: Partial<RunInput> = {}): RunInput {
	return {
		id: 'run-1',
		page: 'playground',
		config: defaults(RUN_CONFIG_SCHEMA),
		position: {
			epochsDone: 1,
			batchInEpoch: 0,
			batchesPerEpoch: 235,
			stepsDone: 235,
			trainCount: 60000
		},
		epochs: [
			{
				epoch: 1,
				trainLoss: 0.5,
				validLoss: 0.4,
				validAccuracy: 0.9,
				exactAccuracy: 0.9,
				notebookAccuracy: 0.1,
				seconds: 1.2
			}
		],
		lossSteps: Array.from({ length: 235 }, (_, i) => i),
		lossValues: Array.from({ length: 235 }, (_, i) => 2 / (i + 1)),
		weights: linearWeights(0.5),
		history: [0, 10, 20, 235].map(entry),
		lesson: { step: 'train', answers: { q1: 'b' } },
		...overrides
	};
}
