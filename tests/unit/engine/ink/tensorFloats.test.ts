/**
 * The ink products' tensor I/O: on WASM a view of tfjs's heap and a tensor written in place, on
 * the CPU backend the ordinary calls. Either way the same floats, and no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { floatsOf, tensorFilled } from '$lib/engine/ink/tensorFloats';

for (const backend of ['wasm', 'cpu'] as const) {
	describe(`on ${backend}`, () => {
		it('floatsOf reads a tensor’s floats, not a copy made per call on WASM', async () => {
			await tf.setBackend(backend);
			await tf.ready();
			const values = Float32Array.from({ length: 784 * 30 }, (_, i) => Math.sin(i));
			const t = tf.tensor2d(values, [784, 30]);
			const floats = floatsOf(t);
			expect(floats).toEqual(values);
			// On WASM the floats are the heap itself: what tfjs computes next into it is what we see.
			if (backend === 'wasm') expect(floats.buffer).toBe(floatsOf(t).buffer);
			t.dispose();
		});

		it('tensorFilled makes a tensor of what fill wrote, owned by the enclosing tidy', async () => {
			await tf.setBackend(backend);
			await tf.ready();
			const before = tf.memory().numTensors;
			const sum = tf.tidy(() => {
				const made = tensorFilled(3, 4, (floats) => {
					expect(floats.length).toBe(12);
					for (let i = 0; i < 12; i++) floats[i] = i + 0.5;
				});
				expect(made.shape).toEqual([3, 4]);
				expect(Array.from(made.dataSync())).toEqual(Array.from({ length: 12 }, (_, i) => i + 0.5));
				// A product of it on the same backend sees the same numbers.
				return made.sum().dataSync()[0];
			});
			expect(sum).toBeCloseTo(72, 5);
			expect(tf.memory().numTensors).toBe(before);
		});
	});
}

it('floatsOf on WASM reads a tensor made on another backend (tfjs moves it first)', async () => {
	await tf.setBackend('cpu');
	const values = Float32Array.from({ length: 40 }, (_, i) => i / 7);
	const t = tf.tensor2d(values, [4, 10]);
	await tf.setBackend('wasm');
	await tf.ready();
	expect(floatsOf(t)).toEqual(values);
	t.dispose();
});
