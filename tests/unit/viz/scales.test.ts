import { describe, expect, it } from 'vitest';
import {
	categorical,
	domainOf,
	formatAccuracy,
	formatPercent,
	formatPower,
	formatSig,
	linearScale,
	logDomain,
	powersOfTen
} from '$lib/viz/scales';
import { formatCount } from '$lib/formatCount';

describe('formatting', () => {
	it('groups counts by thousands as en-US does, without Intl', () => {
		for (const n of [0, 7, 999, 1000, 23860, 60000, 1234567, -1234.4, 12.6]) {
			expect(formatCount(n)).toBe(Math.round(n).toLocaleString('en-US'));
		}
		expect(formatCount(NaN)).toBe('–');
	});

	it('formats accuracy with four decimals', () => {
		expect(formatAccuracy(0.87634)).toBe('0.8763');
		expect(formatAccuracy(1)).toBe('1.0000');
		expect(formatAccuracy(NaN)).toBe('–');
	});

	it('formats fractions as percentages', () => {
		expect(formatPercent(0.87634)).toBe('87.6%');
		expect(formatPercent(0.5, 0)).toBe('50%');
	});

	it('formats to significant digits without trailing zeros', () => {
		expect(formatSig(0.83127)).toBe('0.831');
		expect(formatSig(-0.5)).toBe('-0.5');
		expect(formatSig(0.000123456, 2)).toBe('0.00012');
		expect(formatSig(1234)).toBe('1230');
		expect(formatSig(-0)).toBe('0');
		expect(formatSig(NaN)).toBe('NaN');
	});
});

describe('domainOf', () => {
	it('spans the finite values', () => {
		expect(domainOf([3, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
	});

	it('falls back when empty and widens a single value', () => {
		expect(domainOf([])).toEqual([0, 1]);
		expect(domainOf([], [0, 10])).toEqual([0, 10]);
		expect(domainOf([0, 0])).toEqual([-1, 1]);
		expect(domainOf([2])).toEqual([1.8, 2.2]);
	});
});

describe('linearScale', () => {
	it('maps domain to range and can round the domain out', () => {
		expect(linearScale([0, 10], [0, 100])(5)).toBe(50);
		expect(linearScale([0.13, 0.97], [0, 1], true).domain()).toEqual([0.1, 1]);
	});
});

describe('categorical palette', () => {
	it('has distinct colours', () => {
		expect(new Set(categorical).size).toBe(categorical.length);
	});
});

describe('log axes', () => {
	it('rounds the axis out to powers of ten', () => {
		expect(logDomain([0.003, 0.5, 2])).toEqual([0.001, 10]);
		expect(logDomain([0.1])).toEqual([0.1, 1]);
		expect(logDomain([0, -1, NaN])).toEqual([0.001, 1]);
		const ticks = powersOfTen([0.001, 10]);
		expect(ticks.length).toBe(5);
		expect(ticks[0]).toBeCloseTo(0.001);
		expect(ticks.map(formatPower)).toEqual(['10⁻³', '10⁻²', '10⁻¹', '1', '10']);
	});
});
