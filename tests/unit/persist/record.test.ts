import { describe, expect, it } from 'vitest';
import { entryBytes } from '$lib/engine/history';
import {
	plainJson,
	readRecord,
	recordBytes,
	RUN_RECORD_VERSION,
	summarise,
	thinHistory,
	toRecord
} from '$lib/persist/record';
import { entry, runInput } from './fixtures';

describe('toRecord', () => {
	it('keeps everything a restore needs, as typed arrays and plain values', () => {
		const input = runInput();
		const record = toRecord(input, 1234);
		expect(record.version).toBe(RUN_RECORD_VERSION);
		expect(record.savedAt).toBe(1234);
		expect(record.config).toEqual(input.config);
		expect(record.position.stepsDone).toBe(235);
		expect(record.epochs).toEqual(input.epochs);
		expect(record.lossSteps).toBeInstanceOf(Float64Array);
		expect(record.lossValues).toBeInstanceOf(Float32Array);
		expect(record.lossValues.length).toBe(235);
		expect(record.lossValues[1]).toBeCloseTo(1);
		expect(record.weights[0].values).toEqual(input.weights[0].values);
		expect(record.history.map((e) => e.step)).toEqual([0, 10, 20, 235]);
		expect(record.lesson).toEqual({ step: 'train', answers: { q1: 'b' } });
	});

	it('takes typed arrays as they are (IndexedDB copies them as it stores)', () => {
		const steps = Float64Array.from([0, 1, 2]);
		const values = Float32Array.from([3, 2, 1]);
		const input = runInput({ lossSteps: steps, lossValues: values });
		const record = toRecord(input, 0);
		expect(record.lossSteps).toBe(steps);
		expect(record.lossValues).toBe(values);
		expect(record.weights[0].values).toBe(input.weights[0].values);
		expect(record.weights[0].shape).not.toBe(input.weights[0].shape);
	});

	it('keeps only what JSON can hold of the lesson part', () => {
		expect(plainJson({ a: 1, f: () => 1, d: undefined })).toEqual({ a: 1 });
		expect(plainJson(undefined)).toBeNull();
		const loop: Record<string, unknown> = {};
		loop.self = loop;
		expect(plainJson(loop)).toBeNull();
	});
});

describe('thinHistory', () => {
	const entries = Array.from({ length: 200 }, (_, i) => entry(i * 10));

	it('keeps a history that fits as it is', () => {
		expect(thinHistory(entries.slice(0, 3), 10 * 1024 * 1024)).toHaveLength(3);
	});

	it('keeps the first and newest and evenly spaced moments within the budget', () => {
		const each = entryBytes(entries[1]);
		const kept = thinHistory(entries, each * 21);
		expect(kept.length).toBeLessThanOrEqual(21);
		expect(kept.length).toBeGreaterThanOrEqual(20);
		expect(kept[0].step).toBe(0);
		expect(kept.at(-1)!.step).toBe(1990);
		const gaps = kept.slice(1).map((e, i) => e.step - kept[i].step);
		expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(10);
	});
});

describe('size accounting', () => {
	it('counts the typed arrays exactly and the rest as JSON text', () => {
		const record = toRecord(runInput(), 0);
		const arrays =
			235 * 8 + 235 * 4 + 7850 * 4 + record.history.reduce((s, e) => s + entryBytes(e), 0);
		const bytes = recordBytes(record);
		expect(bytes).toBeGreaterThan(arrays);
		expect(bytes - arrays).toBeLessThan(2000);
		expect(summarise(record)).toEqual({
			id: 'run-1',
			page: 'playground',
			savedAt: 0,
			epochsDone: 1,
			stepsDone: 235,
			accuracy: 0.9,
			bytes
		});
	});

	it('keeps a linear run of 20 epochs with its history near the 4 MB history budget', () => {
		const history = Array.from({ length: 200 }, (_, i) => entry(i * 24));
		const record = toRecord(runInput({ history }), 0);
		expect(recordBytes(record)).toBeLessThan(4.5 * 1024 * 1024);
		expect(record.history.length).toBeGreaterThan(50);
	});
});

describe('readRecord', () => {
	it('accepts a record as saved', () => {
		const record = toRecord(runInput(), 0);
		expect(readRecord(structuredClone(record))).toEqual(record);
	});

	it('refuses another version, missing fields and tensors that do not match their shape', () => {
		const record = toRecord(runInput(), 0);
		expect(readRecord({ ...record, version: 0 })).toBeNull();
		expect(readRecord({ ...record, config: undefined })).toBeNull();
		expect(readRecord({ ...record, lossValues: new Float32Array(3) })).toBeNull();
		const bad = structuredClone(record);
		bad.weights[0].values = new Float32Array(5);
		expect(readRecord(bad)).toBeNull();
		expect(readRecord(null)).toBeNull();
		expect(readRecord('run')).toBeNull();
	});
});
