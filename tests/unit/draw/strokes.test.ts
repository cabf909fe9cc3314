import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBox, makeImage } from '$lib/draw/preprocess';
import {
	BRUSH_RADIUS,
	digitOnPad,
	PAD_SIZE,
	paintInk,
	rasterise,
	stampSegment
} from '$lib/draw/strokes';
import { describeModel, ModelShelf } from '$lib/state/shelf.svelte';
import { fastConfig } from '../helpers/engine';

describe('strokes', () => {
	it('a dot is a round, anti-aliased disc of the brush radius', () => {
		const image = makeImage(100, 100);
		stampSegment(image, { x: 50, y: 50 }, { x: 50, y: 50 }, 10);
		expect(image.data[50 * 100 + 50]).toBe(1);
		const box = inkBox(image, 0)!;
		expect(box.width).toBeGreaterThanOrEqual(20);
		expect(box.width).toBeLessThanOrEqual(22);
		expect(box.height).toBe(box.width);
		// Edge pixels are partly covered: grey, not just 0 or 1.
		expect(Array.from(image.data).some((v) => v > 0.1 && v < 0.9)).toBe(true);
	});

	it('a segment is inked along its length, and its changed area is reported', () => {
		const image = makeImage(100, 100);
		const area = stampSegment(image, { x: 20, y: 50 }, { x: 80, y: 50 }, 3);
		for (let x = 20; x < 80; x++) expect(image.data[50 * 100 + x]).toBe(1);
		expect(image.data[40 * 100 + 50]).toBe(0);
		expect(area.x).toBeLessThanOrEqual(16);
		expect(area.x + area.width).toBeGreaterThanOrEqual(84);
	});

	it('strokes off the pad are clipped, not an error', () => {
		const image = rasterise([
			[
				{ x: -50, y: -50 },
				{ x: 400, y: 400 }
			]
		]);
		expect(inkBox(image, 0)).toEqual({ x: 0, y: 0, width: PAD_SIZE, height: PAD_SIZE });
	});

	it('rasterise draws strokes over a background and leaves the background untouched', () => {
		const background = makeImage(PAD_SIZE, PAD_SIZE);
		background.data[0] = 0.5;
		const image = rasterise([[{ x: 140, y: 140 }]], PAD_SIZE, BRUSH_RADIUS, background);
		expect(image.data[0]).toBe(0.5);
		expect(image.data[140 * PAD_SIZE + 140]).toBe(1);
		expect(background.data[140 * PAD_SIZE + 140]).toBe(0);
	});

	it('digitOnPad enlarges a 28x28 digit 10x, keeping where its ink is', () => {
		const digit = new Float32Array(784);
		digit[10 * 28 + 7] = 1;
		const pad = digitOnPad(digit);
		const mass = centreOfMass(pad)!;
		// Pixel (7, 10) covers pad pixels 70..79 and 100..109: its centre is (74.5, 104.5).
		expect(mass.x).toBeCloseTo(74.5, 1);
		expect(mass.y).toBeCloseTo(104.5, 1);
		expect(() => digitOnPad(new Float32Array(10))).toThrow(RangeError);
	});

	it('paintInk shows ink dark on white paper', () => {
		const ink = makeImage(2, 1, new Float32Array([0, 1]));
		const rgba = new Uint8ClampedArray(8);
		paintInk(rgba, ink);
		expect(Array.from(rgba.slice(0, 4))).toEqual([255, 255, 255, 255]);
		expect(rgba[4]).toBeLessThan(60);
	});
});

describe('model shelf', () => {
	const weights = [{ name: 'W1', shape: [1], values: new Float32Array(1) }];

	it('keeps a run once it has trained an epoch, with its accuracy and where it came from', () => {
		const shelf = new ModelShelf();
		const config = fastConfig({ model: 'mlp' });
		shelf.keep(
			{ config, weights, position: { epochsDone: 0, stepsDone: 3 }, lastEpoch: null },
			'lesson'
		);
		expect(shelf.model).toBeNull();
		shelf.keep(
			{
				config,
				weights,
				position: { epochsDone: 2, stepsDone: 8 },
				lastEpoch: { exactAccuracy: 0.9512 }
			},
			'playground'
		);
		expect(shelf.model).toMatchObject({ epochsDone: 2, accuracy: 0.9512, source: 'playground' });
	});

	it('describes a model as the learner reads it', () => {
		const net = fastConfig({ model: 'mlp' });
		expect(describeModel({ config: net, epochsDone: 2, stepsDone: 0, accuracy: 0.9512 })).toBe(
			'net (30 hidden units), 2 epochs, 95.1% on the test set'
		);
		expect(
			describeModel({ config: fastConfig(), epochsDone: 0, stepsDone: 1, accuracy: null })
		).toBe('linear learner, 1 batch');
	});
});
