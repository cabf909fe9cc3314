/**
 * A run restored from what a save keeps (weights, position, the epoch's losses so far, history)
 * goes on exactly as the uninterrupted run: same next batches, same losses and their numbering,
 * same epoch metrics, same weights, same history. And a loaded model's losses count on from its
 * steps, not from 1.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';
import { Run, type LossBatch } from '$lib/engine/run';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

/** Trains `batches` batches (the run's own listener collects the losses); the finished epochs. */
async function train(run: Run, batches: number) {
	const epochs: Omit<EpochMetrics, 'seconds'>[] = [];
	for (let i = 0; i < batches; i++) {
		const metrics = await run.trainBatch();
		if (metrics) {
			const { seconds: _, ...rest } = metrics;
			epochs.push(rest);
		}
	}
	await run.flushLosses();
	return epochs;
}

const flat = (groups: LossBatch[]) => groups.flatMap((g) => Array.from(g.values));

describe('Run.restore', () => {
	const recipe: RunConfig = fastConfig({ order: 'shuffled', seed: 3, epochs: 3 });

	it('goes on exactly as the run that never stopped', async () => {
		const whole: LossBatch[] = [];
		const straight = new Run(data, recipe, (b) => whole.push(b));
		await straight.historySince(-1);
		await train(straight, 7);
		const cut = whole.length;
		const saved = {
			weights: (await straight.snapshot({ weights: true })).weights!,
			position: straight.position,
			history: (await straight.historySince(-1)).entries
		};
		const epochsAfter = await train(straight, 6);

		const resumed: LossBatch[] = [];
		const again = new Run(data, recipe, (b) => resumed.push(b));
		const before = flat(whole.slice(0, cut));
		const thisEpoch = before.slice(before.length - saved.position.batchInEpoch);
		again.restore({
			weights: saved.weights,
			epochsDone: saved.position.epochsDone,
			batchInEpoch: saved.position.batchInEpoch,
			stepsDone: saved.position.stepsDone,
			epochLosses: { sum: thisEpoch.reduce((a, b) => a + b, 0), count: thisEpoch.length },
			history: saved.history
		});
		expect(again.position).toEqual(saved.position);
		expect(await train(again, 6)).toEqual(epochsAfter);
		expect(resumed[0].firstStep).toBe(saved.position.stepsDone + 1);
		expect(flat(resumed)).toEqual(flat(whole.slice(cut)));
		expect(await again.snapshot({ weights: true })).toEqual(
			await straight.snapshot({ weights: true })
		);
		expect((await again.historySince(-1)).steps).toEqual((await straight.historySince(-1)).steps);
		straight.dispose();
		again.dispose();
	});

	it('refuses a position that does not fit the recipe, and leaves the run as it was', async () => {
		const run = new Run(data, recipe);
		const weights = (await run.snapshot({ weights: true })).weights!;
		const epochLosses = { sum: 0, count: 0 };
		const bad = { weights, epochsDone: 1, batchInEpoch: 4, stepsDone: 8, epochLosses, history: [] };
		expect(() => run.restore(bad)).toThrow(/does not fit its recipe \(4 batches an epoch\)/);
		expect(run.position.stepsDone).toBe(0);
		run.dispose();
	});

	it('numbers a loaded model’s losses from its steps on, not from 1', async () => {
		const groups: LossBatch[] = [];
		const run = new Run(data, recipe, (b) => groups.push(b));
		const weights = (await run.snapshot({ weights: true })).weights!;
		run.loadWeights(weights, 2);
		await train(run, 1);
		expect(run.position.stepsDone).toBe(9);
		expect(groups[0].firstStep).toBe(9);
		run.dispose();
	});
});
