/**
 * The step's pieces (engine/stepKernels.ts) on a backend without the one-pass programs (the CPU
 * backend, as WASM): each against numbers worked out by hand, so the reference that the WebGL
 * programs are checked against on the device (webgl/stepPrograms.ts) is itself right.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	columnSums,
	descend,
	hiddenGradient,
	softmaxGradient,
	squaredNorms
} from '$lib/engine/stepKernels';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const PASS = { transposeFlagsFast: true };

async function values(t: tf.Tensor): Promise<number[]> {
	const read = Array.from(await t.data());
	t.dispose();
	return read;
}

describe('step kernels, by tfjs ops', () => {
	it('softmaxGradient is (softmax - onehot) * scale, row by row', async () => {
		const logits = tf.tensor2d([
			[0, 0, Math.log(2)],
			[5, 5, 5]
		]);
		const oneHot = tf.tensor2d([
			[0, 0, 1],
			[1, 0, 0]
		]);
		// Row 1: softmax (1/4, 1/4, 1/2); row 2: (1/3, 1/3, 1/3). Scaled by 1/2.
		const got = await values(softmaxGradient(tf, logits, oneHot, 0.5));
		const want = [1 / 8, 1 / 8, -1 / 4, -1 / 3, 1 / 6, 1 / 6];
		got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
		tf.dispose([logits, oneHot]);
	});

	it('hiddenGradient is dlogits @ w2^T, zero where the unit was not active (hidden <= 0)', async () => {
		const dlogits = tf.tensor2d([[1, 2]]);
		const w2 = tf.tensor2d([
			[3, 4],
			[5, 6],
			[7, 8]
		]);
		const hidden = tf.tensor2d([[0.5, 0, -1]]);
		// dlogits @ w2^T = [11, 17, 23]; the second unit sat at 0, the third below it.
		expect(await values(hiddenGradient(tf, PASS, dlogits, w2, hidden))).toEqual([11, 0, 0]);
		tf.dispose([dlogits, w2, hidden]);
	});

	it('columnSums sums each column over the batch', async () => {
		const m = tf.tensor2d([
			[1, 2, 3],
			[4, 5, 6],
			[-1, 0, 1]
		]);
		expect(await values(columnSums(tf, m))).toEqual([4, 7, 10]);
		m.dispose();
	});

	it('descend is param - lr * grad', async () => {
		const p = tf.tensor1d([1, 2]);
		const g = tf.tensor1d([10, -4]);
		const got = await values(descend(tf, p, g, 0.1));
		expect(got[0]).toBeCloseTo(0, 6);
		expect(got[1]).toBeCloseTo(2.4, 6);
		tf.dispose([p, g]);
	});

	it('squaredNorms gives each tensor its sum of squares, in order', async () => {
		const a = tf.tensor2d([
			[3, 4],
			[0, 0]
		]);
		const b = tf.tensor1d([1, 2, 2]);
		expect(await values(squaredNorms(tf, [a, b]))).toEqual([25, 9]);
		tf.dispose([a, b]);
	});

	it('leaves only its result behind', () => {
		const x = tf.tensor2d([[1, -1]]);
		const oneHot = tf.tensor2d([[1, 0]]);
		const w2 = tf.tensor2d([[1, 1]]);
		const hidden = tf.tensor2d([[1]]);
		const before = tf.memory().numTensors;
		const made = [
			softmaxGradient(tf, x, oneHot, 1),
			hiddenGradient(tf, PASS, x, w2, hidden),
			columnSums(tf, x),
			descend(tf, x, x, 1),
			squaredNorms(tf, [x, w2])
		];
		expect(tf.memory().numTensors).toBe(before + made.length);
		tf.dispose([...made, x, oneHot, w2, hidden]);
	});
});
