import { describe, expect, it } from 'vitest';
import {
	BOX_SIDE,
	CENTRE,
	centreOfMass,
	fitSize,
	inkBox,
	inkFromRgba,
	makeImage,
	preprocess,
	resize,
	shift,
	type GrayImage,
	type Stages
} from '$lib/draw/preprocess';
import { PAD_SIZE, rasterise, type Stroke } from '$lib/draw/strokes';

/** A straight stroke from a to b as a list of points (like pointer moves). */
function line(ax: number, ay: number, bx: number, by: number, steps = 20): Stroke {
	return Array.from({ length: steps + 1 }, (_, i) => ({
		x: ax + ((bx - ax) * i) / steps,
		y: ay + ((by - ay) * i) / steps
	}));
}

/** An ellipse around (cx, cy) with radii rx, ry. */
function ellipse(cx: number, cy: number, rx: number, ry: number, steps = 48): Stroke {
	return Array.from({ length: steps + 1 }, (_, i) => ({
		x: cx + rx * Math.cos((2 * Math.PI * i) / steps),
		y: cy + ry * Math.sin((2 * Math.PI * i) / steps)
	}));
}

function run(strokes: Stroke[]): Stages {
	const stages = preprocess(rasterise(strokes));
	if (!stages) throw new Error('expected ink');
	return stages;
}

/** Long side of the bounding box of the non-zero pixels in the 28x28 result. */
function longSide(image: GrayImage): number {
	const box = inkBox(image, 0);
	return box ? Math.max(box.width, box.height) : 0;
}

function expectMnistLike(stages: Stages): void {
	const { centred } = stages;
	expect(centred.width).toBe(28);
	expect(centred.height).toBe(28);
	const mass = centreOfMass(centred)!;
	expect(Math.abs(mass.x - CENTRE)).toBeLessThanOrEqual(0.5);
	expect(Math.abs(mass.y - CENTRE)).toBeLessThanOrEqual(0.5);
	expect(Math.abs(longSide(centred) - BOX_SIDE)).toBeLessThanOrEqual(1);
	expect(Math.max(...centred.data)).toBe(1);
	for (const v of centred.data) {
		expect(v).toBeGreaterThanOrEqual(0);
		// Values are bytes / 255, like the training data.
		expect(Math.abs(v * 255 - Math.round(v * 255))).toBeLessThan(1e-3);
	}
}

describe('preprocess: synthetic strokes', () => {
	const cases: [string, Stroke[]][] = [
		['a 0, large and central', [ellipse(140, 140, 70, 100)]],
		['a 0, small in the top-left corner', [ellipse(50, 50, 25, 35)]],
		['a 0, wide at the bottom right', [ellipse(200, 220, 70, 40)]],
		['a 1, a vertical line on the left', [line(40, 30, 40, 250)]],
		['a 1, short, at the right', [line(250, 100, 245, 160)]],
		['a 7, large', [line(60, 50, 220, 50), line(220, 50, 110, 250)]],
		['a 7, small at the bottom', [line(150, 200, 200, 200), line(200, 200, 170, 260)]],
		['a +, two strokes', [line(140, 60, 140, 220), line(60, 140, 220, 140)]],
		['an L', [line(60, 40, 60, 240), line(60, 240, 200, 240)]]
	];
	for (const [name, strokes] of cases) {
		it(`puts the centre of mass at (14, 14) and the long side at 20 px: ${name}`, () => {
			expectMnistLike(run(strokes));
		});
	}

	it('gives the same digit wherever and however large it is drawn', () => {
		const big = run([ellipse(140, 140, 60, 90)]).centred.data;
		const small = run([ellipse(60, 200, 30, 45)]).centred.data;
		let diff = 0;
		for (let i = 0; i < 784; i++) diff += Math.abs(big[i] - small[i]);
		// The small one's brush is relatively twice as thick, so not identical: but close.
		expect(diff / 784).toBeLessThan(0.12);
	});

	it('keeps the aspect ratio: a tall ellipse stays tall', () => {
		const stages = run([ellipse(140, 140, 50, 100)]);
		expect(stages.scaled.height).toBe(20);
		expect(stages.scaled.width).toBeGreaterThanOrEqual(10);
		expect(stages.scaled.width).toBeLessThanOrEqual(13);
	});
});

describe('preprocess: awkward input', () => {
	it('returns null for an empty pad (nothing to classify)', () => {
		expect(preprocess(makeImage(PAD_SIZE, PAD_SIZE))).toBeNull();
	});

	it('handles a single dot without dividing by zero', () => {
		const stages = run([[{ x: 100, y: 80 }]]);
		expect(stages.centred.data.every(Number.isFinite)).toBe(true);
		expectMnistLike(stages);
	});

	it('handles a single horizontal stroke (a box one brush high)', () => {
		const stages = run([line(20, 150, 260, 150)]);
		expect(stages.scaled.width).toBe(20);
		expect(stages.scaled.height).toBeLessThanOrEqual(3);
		expectMnistLike(stages);
	});

	it('handles ink touching every edge of the pad', () => {
		const stages = run([line(-10, -10, 290, 290), line(290, -10, -10, 290)]);
		expect(stages.box).toEqual({ x: 0, y: 0, width: PAD_SIZE, height: PAD_SIZE });
		expectMnistLike(stages);
	});

	it('handles a one-pixel pad', () => {
		const stages = preprocess(makeImage(1, 1, new Float32Array([0.5])));
		expect(stages).not.toBeNull();
		expect(stages!.centred.data.every(Number.isFinite)).toBe(true);
		expect(stages!.centred.data[14 * 28 + 14]).toBe(1);
	});

	it('shifts by whole pixels by default; subpixel puts the centre of mass at (14, 14) exactly', () => {
		const stages = preprocess(rasterise([ellipse(90, 120, 40, 70)]))!;
		expect(Number.isInteger(stages.shift.x) && Number.isInteger(stages.shift.y)).toBe(true);
		const exact = preprocess(rasterise([ellipse(90, 120, 40, 70)]), { shift: 'subpixel' })!;
		const exactMass = centreOfMass(exact.centred)!;
		expect(exactMass.x).toBeCloseTo(CENTRE, 1);
		expect(exactMass.y).toBeCloseTo(CENTRE, 1);
		const mass = centreOfMass(stages.centred)!;
		expect(Math.abs(mass.x - CENTRE)).toBeLessThanOrEqual(0.5);
		expect(Math.abs(mass.y - CENTRE)).toBeLessThanOrEqual(0.5);
	});
});

describe('preprocess: building blocks', () => {
	it('resize averages areas: 10 px of half ink become one half-ink pixel', () => {
		const image = makeImage(10, 1, new Float32Array(10).fill(0.5));
		expect(resize(image, 1, 1).data[0]).toBeCloseTo(0.5, 6);
		// A 1 px line in 10 px becomes a faint pixel, not lost (nearest would drop or keep it whole).
		const thin = makeImage(10, 10);
		for (let y = 0; y < 10; y++) thin.data[y * 10 + 3] = 1;
		expect(resize(thin, 1, 1).data[0]).toBeCloseTo(0.1, 6);
	});

	it('resize keeps the total ink per area when shrinking by a fraction', () => {
		const image = makeImage(
			7,
			3,
			Float32Array.from({ length: 21 }, (_, i) => (i % 5) / 4)
		);
		const small = resize(image, 3, 2);
		const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
		expect(mean(small.data)).toBeCloseTo(mean(image.data), 5);
	});

	it('fitSize keeps the aspect ratio and never returns 0', () => {
		expect(fitSize(200, 100)).toEqual({ width: 20, height: 10 });
		expect(fitSize(1, 300)).toEqual({ width: 1, height: 20 });
		expect(fitSize(5, 5)).toEqual({ width: 20, height: 20 });
	});

	it('shift moves the centre of mass by exactly (dx, dy)', () => {
		const image = makeImage(28, 28);
		image.data[10 * 28 + 9] = 1;
		image.data[11 * 28 + 12] = 0.5;
		const before = centreOfMass(image)!;
		const after = centreOfMass(shift(image, 2.3, -1.6))!;
		expect(after.x - before.x).toBeCloseTo(2.3, 5);
		expect(after.y - before.y).toBeCloseTo(-1.6, 5);
	});

	it('inkFromRgba reads dark paint on white or on transparent paper as ink', () => {
		const rgba = new Uint8ClampedArray([
			255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128
		]);
		const ink = inkFromRgba(rgba, 4, 1);
		expect(Array.from(ink.data).map((v) => Number(v.toFixed(2)))).toEqual([0, 1, 0, 0.5]);
	});
});
