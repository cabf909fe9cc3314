import { describe, expect, it } from 'vitest';
import { StepSeries } from '$lib/state/series';

const ramp = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('StepSeries', () => {
	it('appends rows and gives them back by step', () => {
		const series = new StepSeries(2);
		series.append(1, [0.5, 1, 0.25, 2]);
		series.append(3, [0.125, 3]);
		expect(series.length).toBe(3);
		expect(series.all().map((i) => series.stepAt(i))).toEqual([1, 2, 3]);
		expect(series.row(1)).toEqual([0.25, 2]);
		expect(series.valueAt(2, 1)).toBe(3);
	});

	it('replaces the rows from a step that is sent again (a reset, a replay)', () => {
		const series = new StepSeries();
		series.append(0, ramp(0, 10));
		series.append(4, [40, 50]);
		expect(series.all().map((i) => series.stepAt(i))).toEqual([0, 1, 2, 3, 4, 5]);
		expect(series.valueAt(4)).toBe(40);
		series.append(0, [7]);
		expect(series.length).toBe(1);
		expect(series.valueAt(0)).toBe(7);
	});

	it('keeps a bounded, evenly spaced sample whose newest point is exact', () => {
		const series = new StepSeries(1, 100);
		for (let step = 0; step < 100_000; step += 10) series.append(step, ramp(step, 10));
		const sample = series.sample();
		expect(sample.length).toBeLessThanOrEqual(101);
		expect(sample.length).toBeGreaterThan(50);
		expect(series.stepAt(sample[0])).toBe(0);
		expect(series.stepAt(sample.at(-1)!)).toBe(99_999);
		expect(series.valueAt(sample.at(-1)!)).toBe(99_999);
		const gaps = new Set(sample.slice(1, -1).map((s, i) => s - sample[i]));
		expect(gaps.size).toBe(1);
	});

	it('costs the same per append late in a long run as early on', () => {
		// Not a timing: the work of one append is the rows it adds, never the rows before them.
		const series = new StepSeries(1, 64);
		for (let step = 0; step < 1_000_000; step += 10) series.append(step, ramp(step, 10));
		expect(series.length).toBe(1_000_000);
		expect(series.sample().length).toBeLessThanOrEqual(65);
	});

	it('shrinks its stride again when rows are dropped', () => {
		const series = new StepSeries(1, 10);
		series.append(0, ramp(0, 100));
		expect(series.sample().length).toBeLessThanOrEqual(11);
		series.append(5, [1]);
		expect(series.sample()).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('copies the whole curve as typed arrays, one column at a time', () => {
		const series = new StepSeries(2);
		series.append(5, [1, 10, 2, 20, 3, 30]);
		expect(series.copy()).toEqual({
			steps: Float64Array.from([5, 6, 7]),
			values: Float32Array.from([1, 2, 3])
		});
		expect(series.copy(1).values).toEqual(Float32Array.from([10, 20, 30]));
		const one = new StepSeries();
		one.append(0, [4, 5]);
		const copy = one.copy();
		one.append(0, [9]);
		expect(copy.values).toEqual(Float32Array.from([4, 5]));
	});

	it('clears, and may change its width for another model', () => {
		const series = new StepSeries(2);
		series.append(0, [1, 2]);
		series.clear(4);
		expect(series.length).toBe(0);
		series.append(0, [1, 2, 3, 4]);
		expect(series.row(0)).toEqual([1, 2, 3, 4]);
		expect(() => series.append(1, [1, 2, 3])).toThrow('do not make rows of 4');
	});
});
