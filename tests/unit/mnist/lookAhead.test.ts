import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import { sequentialOrder, shuffledOrder } from '$lib/data/dataset';
import { pickDigits } from '$lib/data/summary';
import type { RunConfig } from '$lib/engine/config';
import { Run } from '$lib/engine/run';
import {
	batchLogits,
	linearGradient,
	meanCrossEntropy
} from '$content/lessons/01-mnist/shared/batchMath';
import { batchWords, nextBatchPlace } from '$content/lessons/01-mnist/shared/batches';
import { nextAhead, type BatchLook } from '$content/lessons/01-mnist/shared/lookAhead';
import {
	batchIndices,
	classExamples,
	trainCountOf
} from '$content/lessons/01-mnist/shared/trainOrder';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

const POSITION = {
	epochsDone: 0,
	batchInEpoch: 0,
	batchesPerEpoch: 235,
	stepsDone: 0,
	trainCount: 60000
};

describe('the batch a press looks at', () => {
	it('is training’s next batch, then one further on each press, into the next epoch', () => {
		expect(nextBatchPlace(POSITION)).toEqual({ number: 1, inEpoch: 1, perEpoch: 235, epoch: 1 });
		expect(nextBatchPlace(POSITION, 1)).toEqual({ number: 2, inEpoch: 2, perEpoch: 235, epoch: 1 });
		const late = { ...POSITION, batchInEpoch: 233, stepsDone: 233 };
		expect(nextBatchPlace(late, 2)).toEqual({ number: 236, inEpoch: 1, perEpoch: 235, epoch: 2 });
	});

	it('says which batch and what it holds', () => {
		const second = nextBatchPlace(POSITION, 1);
		expect(batchWords(second, 'all 0s')).toBe('batch 2 of 235 (all 0s)');
		expect(batchWords(nextBatchPlace(POSITION, 235), null)).toBe('batch 1 of 235 in epoch 2');
	});

	it('moves on from the last look while the run stays put, and starts over when it moves', () => {
		const look: BatchLook = {
			position: POSITION,
			ahead: 2,
			place: nextBatchPlace(POSITION, 2),
			loss: 3,
			size: 256,
			runId: 'a'
		};
		expect(nextAhead(null, { runId: 'a', position: POSITION })).toBe(0);
		expect(nextAhead(look, { runId: 'a', position: POSITION })).toBe(3);
		// A step trained a batch: "next" means something else now.
		expect(nextAhead(look, { runId: 'a', position: { ...POSITION, stepsDone: 1 } })).toBe(0);
		// A fresh run (new weights) at the same position.
		expect(nextAhead(look, { runId: 'b', position: POSITION })).toBe(0);
	});
});

describe('which digits a batch holds, from the labels', () => {
	const labels = Uint8Array.from([3, 0, 1, 0, 2, 1, 0, 3, 2, 1]);
	const recipe = { order: 'sequential' as const, seed: 1, batchSize: 4, trainSubset: 0 };

	it('takes the notebook’s class order: all 0s, then all 1s, ...', () => {
		expect(batchIndices(labels, recipe, 0, 0)).toEqual([1, 3, 6, 2]);
		expect(batchIndices(labels, recipe, 0, 1)).toEqual([5, 9, 4, 8]);
		// The last batch is short, and the order is the same every epoch.
		expect(batchIndices(labels, recipe, 3, 2)).toEqual([0, 7]);
	});

	it('takes the epoch’s seeded shuffle, and a subset’s first digits only', () => {
		const shuffled = { ...recipe, order: 'shuffled' as const, seed: 5 };
		expect(batchIndices(labels, shuffled, 1, 0)).toEqual(
			Array.from(shuffledOrder(10, 5, 1).subarray(0, 4))
		);
		const subset = { ...recipe, trainSubset: 6 };
		expect(trainCountOf(labels, subset)).toBe(6);
		expect(batchIndices(labels, subset, 0, 1)).toEqual(
			Array.from(sequentialOrder(labels, 6).subarray(4, 6))
		);
	});

	it('finds the next examples of each class in file order', () => {
		const perClass = classExamples(labels, 1, 2);
		expect(perClass.slice(0, 4)).toEqual([[3, 6], [5, 9], [8], [7]]);
		expect(perClass[9]).toEqual([]);
	});
});

describe('a batch by hand matches the engine on real digits', () => {
	let data: MnistData;

	beforeAll(async () => {
		await tf.setBackend('cpu');
		data = await loadMnistFromDisk();
	});

	/** The engine's loss and gradient on batch `ahead + 1` (lr 0 moves the position only). */
	async function engineAt(config: RunConfig, ahead: number) {
		const run = new Run(data, config, () => {});
		try {
			const weights = (await run.snapshot({ weights: true })).weights!;
			for (let i = 0; i < ahead; i++) await run.trainBatch({ lr: 0 });
			const report = await run.gradientNext();
			return { weights, report };
		} finally {
			run.dispose();
		}
	}

	/** The same batch on the page: its digits from the labels, the maths from batchMath. */
	function pageAt(config: RunConfig, weights: Parameters<typeof batchLogits>[0], ahead: number) {
		const place = nextBatchPlace(
			{ ...POSITION, batchesPerEpoch: Math.ceil(config.trainSubset / config.batchSize) },
			ahead
		);
		const indices = batchIndices(data.trainLabels, config, place.epoch - 1, place.inEpoch - 1);
		const digits = pickDigits(data.trainImages, data.trainLabels, indices);
		const logits = batchLogits(weights, digits.pixels, indices.length)!;
		return { digits, logits, loss: meanCrossEntropy(logits, digits.labels) };
	}

	it.each([
		['sequential', 2],
		['shuffled', 5]
	] as const)('the linear learner, %s order, %i batches ahead', async (order, ahead) => {
		const config = fastConfig({ order, seed: 3 });
		const { weights, report } = await engineAt(config, ahead);
		const page = pageAt(config, weights, ahead);
		expect(page.digits.labels.length).toBe(report.size);
		expect(page.loss).toBeCloseTo(report.loss, 3);
		const [gw, gb] = linearGradient(page.digits.pixels, page.digits.labels, page.logits);
		const [ew, eb] = report.gradients;
		expect(gw.shape).toEqual(ew.shape);
		const worst = (a: Float32Array, b: Float32Array) =>
			Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));
		expect(worst(gw.values, ew.values)).toBeLessThan(1e-4);
		expect(worst(gb.values, eb.values)).toBeLessThan(1e-5);
		// A blank pixel gets exactly no gradient, on both sides.
		expect(gw.values[0]).toBe(0);
		expect(ew.values[0]).toBe(0);
	});

	it('the net’s loss too (ReLU hidden layer)', async () => {
		const config = fastConfig({ model: 'mlp', hidden: 8, order: 'sequential' });
		const { weights, report } = await engineAt(config, 1);
		expect(pageAt(config, weights, 1).loss).toBeCloseTo(report.loss, 4);
	});

	afterAll(() => tf.disposeVariables());
});
