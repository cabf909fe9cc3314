/**
 * The ink kernels (engine/ink) against tfjs's dense products on the same digits: x @ W + bias
 * (with and without ReLU) and x^T @ d, for the widths the models use (10 classes, 30 hidden
 * units), a width of one block exactly, one just past it and a single column; batches of 256, an
 * epoch's short last one (96) and a single digit; digits picked out of order, as a shuffled epoch
 * picks them. Also: the committed bytes are what the kernels' text compiles to.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shuffledOrder } from '$lib/data/dataset';
import { PIXELS } from '$lib/data/mnistFiles';
import { InkProducts, padRows } from '$lib/engine/ink/inkProducts';
import { INK_KERNELS_BASE64 } from '$lib/engine/ink/inkKernels.wasm';
import { compileKernels } from '../../../../scripts/ink/compile';
import { denseDigits, fakeDigitBytes } from '../fixtures/batches';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const IMAGES = 600;

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
	return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

const images = fakeDigitBytes(IMAGES, 3);
const products = InkProducts.for(images);
/**
 * A shuffled order over the images, as an epoch of shuffled batches uses. Seeded: with an
 * unseeded shuffle the single-digit case drew one of the blank images about one run in fifty, and
 * its gradient was rightly all zeros.
 */
const order = shuffledOrder(IMAGES, 1, 0);

describe('ink products equal the dense products', () => {
	for (const width of [10, 30, 16, 17, 1]) {
		for (const [start, end] of [
			[0, 256],
			[504, 600],
			[77, 78]
		]) {
			it(`width ${width}, digits ${start}..${end}`, () => {
				tf.tidy(() => {
					const rows = end - start;
					const x = denseDigits(images, order, start, end);
					const w = tf.randomNormal([PIXELS, width], 0, 1, 'float32', width) as tf.Tensor2D;
					const bias = tf.randomNormal([width], 0, 1, 'float32', 2) as tf.Tensor1D;
					const d = tf.randomNormal([rows, width], 0, 1, 'float32', 3) as tf.Tensor2D;
					const batch = products.batch(order, start, end);
					expect(batch.rows).toBe(rows);

					const linear = batch.times(w, bias, false);
					expect(linear.shape).toEqual([rows, width]);
					expect(maxAbsDifference(linear, tf.add(tf.matMul(x, w), bias))).toBeLessThan(1e-4);
					const relu = batch.times(w, bias, true);
					expect(maxAbsDifference(relu, tf.relu(tf.add(tf.matMul(x, w), bias)))).toBeLessThan(1e-4);
					// Not a trivial pass: ReLU cut some values and kept others (given enough of them).
					const cut = tf.sum(tf.cast(tf.equal(relu, 0), 'float32')).dataSync()[0];
					if (rows * width >= 10) {
						expect(cut).toBeGreaterThan(0);
						expect(cut).toBeLessThan(rows * width);
					}

					const grad = batch.transposedTimes(d);
					expect(grad.shape).toEqual([PIXELS, width]);
					expect(maxAbsDifference(grad, tf.matMul(x, d, true, false))).toBeLessThan(1e-4);
					expect(tf.max(tf.abs(grad)).dataSync()[0]).toBeGreaterThan(0.01);
				});
			});
		}
	}

	it('a blank digit is its bias alone, and adds nothing to the gradient', () => {
		tf.tidy(() => {
			const blank = Uint32Array.of(13, 63);
			const w = tf.ones([PIXELS, 10]) as tf.Tensor2D;
			const bias = tf.range(0, 10).toFloat() as tf.Tensor1D;
			const batch = products.batch(blank, 0, 2);
			expect(Array.from(batch.times(w, bias, false).dataSync())).toEqual([
				...Array.from(bias.dataSync()),
				...Array.from(bias.dataSync())
			]);
			const grad = batch.transposedTimes(tf.ones([2, 10]) as tf.Tensor2D);
			expect(tf.max(tf.abs(grad)).dataSync()[0]).toBe(0);
		});
	});

	it('leaves no tensor behind but its results', () => {
		const before = tf.memory().numTensors;
		const w = tf.randomNormal([PIXELS, 30]) as tf.Tensor2D;
		const bias = tf.zeros([30]) as tf.Tensor1D;
		const batch = products.batch(order, 0, 64);
		const out = batch.times(w, bias, true);
		const grad = batch.transposedTimes(out);
		expect(tf.memory().numTensors).toBe(before + 4);
		tf.dispose([w, bias, out, grad]);
	});

	it('refuses a first layer that does not take 784 pixels', () => {
		tf.tidy(() => {
			const batch = products.batch(order, 0, 4);
			expect(() =>
				batch.times(tf.zeros([100, 10]) as tf.Tensor2D, tf.zeros([10]) as tf.Tensor1D, false)
			).toThrow(/784 pixels/);
		});
	});
});

it('padding columns are written as 0, whatever the memory held (no subnormal leftovers)', () => {
	const to = new Float32Array(2 * 16).fill(1e-40);
	padRows(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3, 16, to, 0);
	expect(Array.from(to.subarray(0, 16))).toEqual([1, 2, 3, ...Array(13).fill(0)]);
	expect(Array.from(to.subarray(16, 32))).toEqual([4, 5, 6, ...Array(13).fill(0)]);
});

it('the committed kernels are what inkKernels.wat compiles to (run npm run ink-kernels)', async () => {
	const compiled = await compileKernels();
	expect(Buffer.from(compiled).toString('base64')).toBe(INK_KERNELS_BASE64);
});
