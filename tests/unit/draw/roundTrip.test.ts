/**
 * MNIST test digits drawn back onto the pad (enlarged 10x, bilinear) and pushed through the
 * preprocessing must come back as (nearly) themselves, and a trained net must read them nearly
 * as well as the originals: otherwise the pad would be testing the preprocessing, not the model.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preprocess } from '$lib/draw/preprocess';
import { digitOnPad } from '$lib/draw/strokes';
import type { MnistData } from '$lib/data/mnist';
import { Run } from '$lib/engine/run';
import { trainEpochs } from '$lib/engine/trainLoop';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

const COUNT = 300;
let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

function original(k: number): Float32Array {
	return Float32Array.from(data.testImages.subarray(k * 784, (k + 1) * 784), (v) => v / 255);
}

function roundTrip(pixels: Float32Array): Float32Array {
	const stages = preprocess(digitOnPad(pixels));
	if (!stages) throw new Error('a test digit came back empty');
	return stages.centred.data;
}

describe('round trip of MNIST test digits through the pad', () => {
	it('comes back close to the original (mean absolute pixel difference < 0.1)', () => {
		const diffs: number[] = [];
		for (let k = 0; k < COUNT; k++) {
			const a = original(k);
			const b = roundTrip(a);
			let sum = 0;
			for (let i = 0; i < 784; i++) sum += Math.abs(a[i] - b[i]);
			diffs.push(sum / 784);
		}
		const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
		const worst = Math.max(...diffs);
		console.log(
			`round trip of ${COUNT} test digits: mean abs pixel difference ${mean.toFixed(4)} (worst digit ${worst.toFixed(4)})`
		);
		expect(mean).toBeLessThan(0.1);
		expect(worst).toBeLessThan(0.1);
	});

	it('a trained net classifies round-tripped digits nearly as well as the originals', async () => {
		// 2 epochs of the shuffled net on 10,000 training digits: quick on the cpu backend.
		const run = new Run(
			data,
			fastConfig({ model: 'mlp', order: 'shuffled', trainSubset: 10_000, batchSize: 64 })
		);
		await trainEpochs(run, 2, () => {});
		let right = 0;
		let rightTrip = 0;
		for (let k = 0; k < COUNT; k++) {
			const label = data.testLabels[k];
			const a = await run.predict(original(k));
			const b = await run.predict(roundTrip(original(k)));
			if (argmax(a.probabilities) === label) right++;
			if (argmax(b.probabilities) === label) rightTrip++;
		}
		run.dispose();
		const acc = right / COUNT;
		const accTrip = rightTrip / COUNT;
		console.log(
			`net (2 epochs on 10,000 digits) on ${COUNT} test digits: originals ${(acc * 100).toFixed(1)}%, round-tripped ${(accTrip * 100).toFixed(1)}%`
		);
		expect(acc).toBeGreaterThan(0.85);
		expect(accTrip).toBeGreaterThan(acc - 0.03);
	});
});

function argmax(values: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
	return best;
}
