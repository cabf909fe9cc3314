/**
 * The weight history behind the playground's timeline: when it records, how it stays bounded
 * (thinning evenly, keeping the initial weights and the newest), how the page merges what it
 * pulls, and that a Run records at the right moments without leaking tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import {
	entryBytes,
	HISTORY_BUDGET_BYTES,
	HISTORY_LIMIT,
	historyLimit,
	indexAtStep,
	isSnapshotStep,
	MIN_HISTORY_LIMIT,
	mergeHistory,
	WeightHistory
} from '$lib/engine/history';
import type { HistoryEntry } from '$lib/engine/protocol';
import { Run } from '$lib/engine/run';
import { trainEpochs } from '$lib/engine/trainLoop';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

/** A tiny stand-in entry: the history never looks inside the numbers. */
function entry(step: number, batchesPerEpoch = 10, floats = 4): HistoryEntry {
	return {
		step,
		epoch: step / batchesPerEpoch,
		weights: [{ name: 'weights', shape: [floats], values: new Float32Array(floats).fill(step) }],
		gradient:
			step === 0 ? null : { name: 'weights', shape: [floats], values: new Float32Array(floats) }
	};
}

/** Every step a run of `epochs` epochs records, before any thinning. */
function momentsOf(batchesPerEpoch: number, epochs: number): number[] {
	const steps: number[] = [];
	for (let step = 0; step <= batchesPerEpoch * epochs; step++) {
		if (isSnapshotStep(step, batchesPerEpoch)) steps.push(step);
	}
	return steps;
}

/** Records like a run would; returns the history and every moment offered to it. */
function simulate(batchesPerEpoch: number, epochs: number, limit = HISTORY_LIMIT, floats = 4) {
	const history = new WeightHistory(limit);
	const offered = momentsOf(batchesPerEpoch, epochs);
	let most = 0;
	for (const step of offered) {
		history.record(entry(step, batchesPerEpoch, floats));
		most = Math.max(most, history.size);
	}
	return { history, offered, most };
}

describe('when the history records', () => {
	it('takes step 0, every 10 batches of the first epoch and every epoch end', () => {
		expect(momentsOf(25, 3)).toEqual([0, 10, 20, 25, 50, 75]);
		expect(momentsOf(20, 2)).toEqual([0, 10, 20, 40]);
		// Full MNIST in batches of 256: 235 batches, 23 mid-epoch snapshots, then epoch ends.
		const full = momentsOf(235, 3);
		expect(full.slice(0, 3)).toEqual([0, 10, 20]);
		expect(full.slice(-4)).toEqual([230, 235, 470, 705]);
		expect(full.length).toBe(1 + 23 + 3);
	});

	it('needs no thinning for short runs', () => {
		const { history, offered } = simulate(235, 20);
		expect(history.steps()).toEqual(offered);
	});
});

describe('the bound', () => {
	it('holds over 50 epochs of batch 32 (1,875 batches an epoch): thinned evenly', () => {
		const { history, offered, most } = simulate(1875, 50);
		expect(offered.length).toBe(1 + 187 + 50);
		expect(most).toBeLessThanOrEqual(HISTORY_LIMIT);
		const steps = history.steps();
		// The initial weights and the newest moment always stay.
		expect(steps[0]).toBe(0);
		expect(steps.at(-1)).toBe(1875 * 50);
		// Evenly: every kept moment but the newest is every second one offered.
		const ordinals = steps.slice(0, -1).map((s) => offered.indexOf(s));
		expect(ordinals).toEqual(ordinals.map((_, i) => 2 * i));
		expect(steps.length).toBeGreaterThan(HISTORY_LIMIT / 2);
	});

	it('stays bounded and evenly spaced for any number of epochs', () => {
		for (const epochs of [300, 1000, 5000]) {
			const { history, offered, most } = simulate(235, epochs);
			expect(most).toBeLessThanOrEqual(HISTORY_LIMIT);
			expect(history.size).toBeGreaterThan(HISTORY_LIMIT / 2 - 1);
			const steps = history.steps();
			expect(steps[0]).toBe(0);
			expect(steps.at(-1)).toBe(235 * epochs);
			const ordinals = steps.slice(0, -1).map((s) => offered.indexOf(s));
			const stride = ordinals[1];
			expect(Number.isInteger(Math.log2(stride))).toBe(true);
			expect(ordinals).toEqual(ordinals.map((_, i) => stride * i));
		}
	});

	it('keeps its memory bounded: never more than limit entries of bytes', () => {
		// About the linear learner's size: 7,850 parameters and a gradient as large.
		const perEntry = entryBytes(entry(1, 235, 7850));
		expect(perEntry).toBe(62_800);
		const limit = historyLimit(perEntry);
		expect(limit).toBe(HISTORY_LIMIT);
		const { history } = simulate(235, 400, limit, 7850);
		expect(history.size).toBeLessThanOrEqual(limit);
		// Every entry is full-size but the first, which has no gradient yet.
		expect(history.bytes()).toBe(history.size * perEntry - 7850 * 4);
		expect(history.bytes()).toBeLessThanOrEqual(limit * perEntry);
	});

	it('lets wide nets keep fewer entries so the bytes stay under the budget', () => {
		const perEntry = 4 * (2 * 784 * 512 + 512 + 512 * 10 + 10); // 512 hidden units
		expect(historyLimit(perEntry)).toBe(MIN_HISTORY_LIMIT);
		const h64 = 4 * (2 * 784 * 64 + 64 + 64 * 10 + 10);
		expect(historyLimit(h64)).toBeLessThan(HISTORY_LIMIT);
		expect(historyLimit(h64) * h64).toBeLessThanOrEqual(HISTORY_BUDGET_BYTES);
	});

	it('refuses a step that is not after the newest', () => {
		const history = new WeightHistory();
		history.record(entry(0));
		history.record(entry(10));
		expect(() => history.record(entry(10))).toThrow(RangeError);
	});
});

describe('pulling and merging', () => {
	it('sends copies, so transferring a reply leaves the history intact', () => {
		const history = new WeightHistory();
		history.record(entry(0));
		history.record(entry(10));
		const sent = history.slice(-1);
		// What postMessage does to a transferred buffer: the sender's view is detached.
		structuredClone(sent, { transfer: sent.entries.map((e) => e.weights[0].values.buffer) });
		expect(sent.entries[1].weights[0].values.length).toBe(0);
		expect(Array.from(history.slice(-1).entries[1].weights[0].values)).toEqual([10, 10, 10, 10]);
	});

	it('gives only newer entries and drops what the engine thinned away', () => {
		const engine = new WeightHistory(5);
		let page: HistoryEntry[] = [];
		for (const step of momentsOf(10, 12)) {
			engine.record(entry(step));
			const since = page.at(-1)?.step ?? -1;
			const slice = engine.slice(since);
			expect(slice.entries.every((e) => e.step > since)).toBe(true);
			page = mergeHistory(page, slice);
			expect(page.map((e) => e.step)).toEqual(engine.steps());
		}
	});

	it('finds where a scrubbed view lands after thinning', () => {
		const entries = [0, 20, 40, 60].map((s) => entry(s));
		expect(indexAtStep(entries, 40)).toBe(2);
		expect(indexAtStep(entries, 50)).toBe(2);
		expect(indexAtStep(entries, 0)).toBe(0);
		expect(indexAtStep(entries, 999)).toBe(3);
	});
});

describe('a Run records its history', () => {
	let data: MnistData;

	beforeAll(async () => {
		await tf.setBackend('cpu');
		data = await loadMnistFromDisk();
	});

	for (const model of ['linear', 'mlp'] as const) {
		it(`${model}: step 0, every 10 batches of epoch 1, epoch ends; no tensors added`, async () => {
			// 1,600 digits in batches of 64: 25 batches an epoch, so epoch 1 has two 10-batch marks.
			const recipe = fastConfig({ model, hidden: 16, trainSubset: 1600, batchSize: 64 });
			const run = new Run(data, recipe);
			try {
				const first = model === 'linear' ? 'weights' : 'W1';
				const initial = (await run.snapshot({ weights: true })).weights!;
				// The first batch adds the kept gradients (one per parameter); count from there.
				await run.trainBatch();
				await run.flushLosses();
				const steady = tf.memory().numTensors;
				await trainEpochs(run, 2, () => {});
				expect(tf.memory().numTensors).toBe(steady);

				const { steps, entries } = await run.historySince(-1);
				expect(tf.memory().numTensors).toBe(steady);
				expect(steps).toEqual([0, 10, 20, 25, 50]);
				expect(entries.map((e) => e.step)).toEqual(steps);
				expect(entries.map((e) => e.epoch)).toEqual([0, 0.4, 0.8, 1, 2]);
				// Step 0 holds exactly the initial weights and no gradient yet.
				expect(entries[0].weights).toEqual(initial);
				expect(entries[0].gradient).toBeNull();
				for (const e of entries.slice(1)) {
					expect(e.gradient!.name).toBe(first);
					expect(e.gradient!.shape).toEqual(model === 'linear' ? [784, 10] : [784, 16]);
					expect(e.gradient!.values.some((v) => v !== 0)).toBe(true);
				}
				// The newest entry is the run's weights now.
				const now = (await run.snapshot({ weights: true })).weights!;
				expect(entries.at(-1)!.weights).toEqual(now);
				expect(entries[1].weights[0].values).not.toEqual(entries[2].weights[0].values);

				expect((await run.historySince(20)).entries.map((e) => e.step)).toEqual([25, 50]);

				// A reset forgets the history and starts again from the (same) initial weights.
				run.reset();
				const after = await run.historySince(-1);
				expect(after.steps).toEqual([0]);
				expect(after.entries[0].weights).toEqual(initial);
				expect(tf.memory().numTensors).toBe(steady - (model === 'linear' ? 2 : 4));
			} finally {
				run.dispose();
			}
		});
	}
});
