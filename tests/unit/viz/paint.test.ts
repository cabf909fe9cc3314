import { describe, expect, it } from 'vitest';
import {
	DEFAULT_STEPS,
	MIN_SCALE,
	NAN_RGBA,
	colorTable,
	column,
	defaultDomain,
	divergingTable,
	greysTable,
	magnitudeTable,
	maxAbs,
	paintInto,
	parseColor,
	tableFor
} from '$lib/viz/paint';

/** The RGBA of entry i of a table, as a plain array for readable assertions. */
function entry(table: Uint8ClampedArray, i: number): number[] {
	return Array.from(table.subarray(i * 4, i * 4 + 4));
}

/** Paints one value and returns its RGBA. */
function paintOne(v: number, table: Uint8ClampedArray, domain: [number, number]): number[] {
	const out = new Uint8ClampedArray(4);
	paintInto(out, [v], table, domain);
	return Array.from(out);
}

describe('parseColor', () => {
	it('reads hex and rgb() strings', () => {
		expect(parseColor('#440154')).toEqual([0x44, 0x01, 0x54]);
		expect(parseColor('rgb(103, 0, 31)')).toEqual([103, 0, 31]);
	});

	it('rejects formats it does not know', () => {
		expect(() => parseColor('red')).toThrow(/Unsupported/);
	});
});

describe('colour tables', () => {
	it('has 4 opaque bytes per step', () => {
		for (const table of [divergingTable(), greysTable(), magnitudeTable()]) {
			expect(table.length).toBe(DEFAULT_STEPS * 4);
			for (let i = 0; i < DEFAULT_STEPS; i++) expect(table[i * 4 + 3]).toBe(255);
		}
		expect(divergingTable(16).length).toBe(64);
	});

	it('diverging runs from red through near white to blue', () => {
		const t = divergingTable();
		const [r0, g0, b0] = entry(t, 0);
		expect(r0).toBeGreaterThan(b0);
		expect(r0).toBeGreaterThan(g0);
		const [r1, g1, b1] = entry(t, DEFAULT_STEPS - 1);
		expect(b1).toBeGreaterThan(r1);
		expect(b1).toBeGreaterThan(g1);
		const mid = entry(t, (DEFAULT_STEPS - 1) / 2);
		for (const channel of mid.slice(0, 3)) expect(channel).toBeGreaterThan(230);
	});

	it('greys run from white to black', () => {
		const t = greysTable();
		expect(entry(t, 0)).toEqual([255, 255, 255, 255]);
		expect(entry(t, DEFAULT_STEPS - 1)).toEqual([0, 0, 0, 255]);
	});

	it('magnitude uses viridis end colours', () => {
		const t = magnitudeTable();
		expect(entry(t, 0)).toEqual([0x44, 0x01, 0x54, 255]);
		expect(entry(t, DEFAULT_STEPS - 1)).toEqual([0xfd, 0xe7, 0x25, 255]);
	});

	it('refuses fewer than two steps', () => {
		expect(() => colorTable(() => '#000000', 1)).toThrow(RangeError);
	});
});

describe('maxAbs', () => {
	it('finds the largest magnitude of either sign', () => {
		expect(maxAbs([0.2, -0.9, 0.5])).toBeCloseTo(0.9);
		expect(maxAbs(new Float32Array([0.25, 0.5]))).toBe(0.5);
	});

	it('ignores NaN and infinities', () => {
		expect(maxAbs([NaN, -0.3, Infinity, -Infinity, 0.1])).toBeCloseTo(0.3);
	});

	it('never returns less than a small positive floor', () => {
		expect(maxAbs([0, 0, 0])).toBe(MIN_SCALE);
		expect(maxAbs([])).toBe(MIN_SCALE);
		expect(maxAbs([NaN])).toBe(MIN_SCALE);
		expect(maxAbs([1e-9])).toBe(MIN_SCALE);
	});

	it('respects a [from, to) range', () => {
		const v = [5, 0.1, -0.4, 7];
		expect(maxAbs(v, 1, 3)).toBeCloseTo(0.4);
		expect(maxAbs(v, 2)).toBe(7);
		expect(maxAbs(v, 0, 99)).toBe(7);
	});
});

describe('defaultDomain', () => {
	it('is symmetric for diverging data, [0, 1] for pixels, [0, max] for magnitudes', () => {
		const v = [-0.2, 0.6];
		expect(defaultDomain('diverging', v)).toEqual([-0.6, 0.6]);
		expect(defaultDomain('greys', v)).toEqual([0, 1]);
		expect(defaultDomain('magnitude', v)).toEqual([0, 0.6]);
	});
});

describe('column', () => {
	// A [3, 2] matrix: row i is [10 * i, 10 * i + 1].
	const m = new Float32Array([0, 1, 10, 11, 20, 21]);

	it('extracts one column of a row-major matrix', () => {
		expect(Array.from(column(m, 3, 2, 0))).toEqual([0, 10, 20]);
		expect(Array.from(column(m, 3, 2, 1))).toEqual([1, 11, 21]);
	});

	it('matches the engine layout W[i * cols + c] for a [784, 10] matrix', () => {
		const rows = 784;
		const cols = 10;
		const w = new Float32Array(rows * cols).map((_, k) => k);
		const c7 = column(w, rows, cols, 7);
		expect(c7.length).toBe(rows);
		expect(c7[0]).toBe(7);
		expect(c7[783]).toBe(783 * cols + 7);
	});

	it('rejects a wrong shape or an out-of-range column', () => {
		expect(() => column(m, 2, 2, 0)).toThrow(RangeError);
		expect(() => column(m, 3, 2, 2)).toThrow(RangeError);
		expect(() => column(m, 3, 2, -1)).toThrow(RangeError);
	});
});

describe('paintInto', () => {
	const table = divergingTable();
	const last = DEFAULT_STEPS - 1;

	it('maps the domain ends to the table ends', () => {
		expect(paintOne(-2, table, [-2, 2])).toEqual(entry(table, 0));
		expect(paintOne(2, table, [-2, 2])).toEqual(entry(table, last));
	});

	it('maps zero in a symmetric domain to the middle colour', () => {
		expect(paintOne(0, table, [-0.37, 0.37])).toEqual(entry(table, last / 2));
	});

	it('places values linearly', () => {
		// A quarter of the way along the domain is a quarter of the way along the table.
		expect(paintOne(-1, table, [-2, 2])).toEqual(entry(table, last / 4));
	});

	it('clamps values outside the domain to the end colours', () => {
		expect(paintOne(-50, table, [-1, 1])).toEqual(entry(table, 0));
		expect(paintOne(50, table, [-1, 1])).toEqual(entry(table, last));
		expect(paintOne(-Infinity, table, [-1, 1])).toEqual(entry(table, 0));
		expect(paintOne(Infinity, table, [-1, 1])).toEqual(entry(table, last));
	});

	it('paints NaN a grey that is not in the diverging table', () => {
		expect(paintOne(NaN, table, [-1, 1])).toEqual([...NAN_RGBA]);
		for (let i = 0; i <= last; i++) expect(entry(table, i)).not.toEqual([...NAN_RGBA]);
	});

	it('paints the middle colour when the domain has zero width', () => {
		expect(paintOne(3, table, [1, 1])).toEqual(entry(table, last / 2));
	});

	it('writes every pixel of a 28x28 image', () => {
		const values = new Float32Array(784).map((_, i) => (i % 2 === 0 ? -1 : 1));
		const out = new Uint8ClampedArray(784 * 4);
		paintInto(out, values, table, [-1, 1]);
		expect(Array.from(out.subarray(0, 8))).toEqual([...entry(table, 0), ...entry(table, last)]);
		expect(Array.from(out.subarray(783 * 4))).toEqual(entry(table, last));
	});

	it('refuses an output buffer that is too small', () => {
		expect(() => paintInto(new Uint8ClampedArray(4), [0, 0], table, [-1, 1])).toThrow(RangeError);
	});
});

describe('tableFor', () => {
	it('builds each scheme’s table once and hands the same one to every heatmap', () => {
		const first = tableFor('greys');
		expect(tableFor('greys')).toBe(first);
		expect(first).toEqual(greysTable());
		expect(tableFor('diverging')).toEqual(divergingTable());
		expect(tableFor('diverging')).not.toBe(first);
	});

	it('keeps tables of other lengths apart', () => {
		expect(tableFor('greys', 256)).toHaveLength(256 * 4);
		expect(tableFor('greys')).toHaveLength(DEFAULT_STEPS * 4);
		expect(tableFor('greys', 256)).toBe(tableFor('greys', 256));
	});
});
