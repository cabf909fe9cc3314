import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LossLog, type LossBatch } from '$lib/engine/lossLog';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

/** -log softmax(row)[label], in float64. */
function digitLoss(row: number[], label: number): number {
	const max = Math.max(...row);
	return Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max - row[label];
}

describe('LossLog', () => {
	for (const grouped of [true, false]) {
		it(`works out each step\u2019s mean loss and gradient norms when it reads them back (norms ${grouped ? 'a group' : 'a step'} at a time)`, async () => {
			const reported: LossBatch[] = [];
			const log = new LossLog(['W', 'b'], (batch) => reported.push(batch), 5, undefined, grouped);
			const before = tf.memory().numTensors;
			const steps = [
				{ logits: [[1, 2, 0, 0, 0, 0, 0, 0, 0, 3]], labels: [9], W: [3, 4], b: [0, 1, 0] },
				{
					logits: [Array(10).fill(0), [5, ...Array(9).fill(-5)]],
					labels: [2, 0],
					W: [1, 1],
					b: [2, 2, 1]
				}
			];
			for (const step of steps) {
				const grads = [tf.tensor(step.W), tf.tensor(step.b)];
				log.push(tf.tensor2d(step.logits), Int32Array.from(step.labels), grads);
				// The log keeps its own references: the caller may dispose its gradients at once.
				tf.dispose(grads);
			}
			expect(log.pending).toBe(2);
			// Per step its logits and either its gradients (grouped) or its squared norms, one tensor.
			expect(tf.memory().numTensors).toBe(before + 2 * (grouped ? 3 : 2));
			const batch = (await log.flush(0.1))!;
			expect(tf.memory().numTensors).toBe(before);
			expect(log.pending).toBe(0);
			expect(reported).toEqual([batch]);
			expect(batch.firstStep).toBe(5);
			expect(batch.paramNames).toEqual(['W', 'b']);
			const expected = steps.map(
				(s) =>
					s.labels.reduce((sum, label, r) => sum + digitLoss(s.logits[r], label), 0) /
					s.labels.length
			);
			expect(batch.values[0]).toBeCloseTo(expected[0], 5);
			expect(batch.values[1]).toBeCloseTo(expected[1], 5);
			// Rows of [|dW|, |db|] per step.
			expect(Array.from(batch.gradNorms)).toEqual([5, 1, Math.fround(Math.sqrt(2)), 3]);
			expect(log.takeEpochMean()).toBeCloseTo((expected[0] + expected[1]) / 2, 5);
			expect(await log.flush(0.1)).toBeNull();
		});
	}

	it('reports the losses before a non-number, then stops with the learning rate to blame', async () => {
		const reported: LossBatch[] = [];
		const log = new LossLog(['W'], (batch) => reported.push(batch));
		const before = tf.memory().numTensors;
		for (const value of [0, NaN, 0]) {
			const grad = tf.tensor([value]);
			log.push(tf.tensor2d([[value, 0, 0, 0, 0, 0, 0, 0, 0, 0]]), Int32Array.from([0]), [grad]);
			grad.dispose();
		}
		await expect(log.flush(3)).rejects.toThrow(
			/the loss became NaN at step 2: the learning rate 3 is too large/
		);
		expect(reported.map((b) => b.values.length)).toEqual([1]);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('disposes what it still holds', () => {
		const log = new LossLog(['W'], () => {});
		const before = tf.memory().numTensors;
		const grad = tf.ones([3]);
		log.push(tf.zeros([2, 10]) as tf.Tensor2D, Int32Array.from([1, 2]), [grad]);
		grad.dispose();
		log.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});
});
