/**
 * The drawing pad's model: strokes (lists of points in pad pixels) inked into a grey buffer with
 * a round, anti-aliased brush. The pad shows this buffer and preprocessing reads it, so what the
 * learner sees is exactly what the model is given. Pure (no DOM), so tests ink strokes in node.
 */
import { makeImage, type GrayImage, type Point } from './preprocess';

/** The pad's own resolution, whatever its size on screen: ten pad pixels per MNIST pixel. */
export const PAD_SIZE = 280;
/**
 * MNIST's strokes are about 2 to 3 pixels wide in the 28x28 field. A digit drawn across most of
 * the pad (a box of ~200 pad pixels) is shrunk ~10x to its 20 px box, so a brush 24 pad pixels
 * wide ends up ~2.4 px wide: like the training digits. A thinner pen makes faint, broken digits.
 */
export const BRUSH_RADIUS = 12;

export type Stroke = Point[];

/** The distance from p to the segment a-b. */
function segmentDistance(p: Point, a: Point, b: Point): number {
	const abx = b.x - a.x;
	const aby = b.y - a.y;
	const length2 = abx * abx + aby * aby;
	const t =
		length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * abx + (p.y - a.y) * aby) / length2));
	return Math.hypot(p.x - (a.x + t * abx), p.y - (a.y + t * aby));
}

/**
 * Inks the segment a-b (a dot when a = b) with a round brush of `radius`: a pixel whose centre
 * is inside the brush's path is full ink, one the edge crosses is partly inked (coverage falls
 * from 1 to 0 over one pixel), so edges are smooth. Overlaps keep the darker value, like a pen.
 * Returns the changed rectangle so a display can repaint only that.
 */
export function stampSegment(image: GrayImage, a: Point, b: Point, radius = BRUSH_RADIUS) {
	const reach = radius + 1;
	const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - reach));
	const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - reach));
	const x1 = Math.min(image.width - 1, Math.ceil(Math.max(a.x, b.x) + reach));
	const y1 = Math.min(image.height - 1, Math.ceil(Math.max(a.y, b.y) + reach));
	for (let y = y0; y <= y1; y++) {
		for (let x = x0; x <= x1; x++) {
			const d = segmentDistance({ x: x + 0.5, y: y + 0.5 }, a, b);
			const cover = Math.max(0, Math.min(1, radius + 0.5 - d));
			const i = y * image.width + x;
			if (cover > image.data[i]) image.data[i] = cover;
		}
	}
	return { x: x0, y: y0, width: Math.max(0, x1 - x0 + 1), height: Math.max(0, y1 - y0 + 1) };
}

/** Inks one whole stroke (a single point is a dot). */
export function stampStroke(image: GrayImage, stroke: Stroke, radius = BRUSH_RADIUS): void {
	if (stroke.length === 0) return;
	if (stroke.length === 1) stampSegment(image, stroke[0], stroke[0], radius);
	for (let i = 1; i < stroke.length; i++) stampSegment(image, stroke[i - 1], stroke[i], radius);
}

/** The pad's ink: an optional background picture (an example digit) and the strokes over it. */
export function rasterise(
	strokes: readonly Stroke[],
	size = PAD_SIZE,
	radius = BRUSH_RADIUS,
	background: GrayImage | null = null
): GrayImage {
	const image = makeImage(size, size, background ? background.data.slice() : undefined);
	for (const stroke of strokes) stampStroke(image, stroke, radius);
	return image;
}

/**
 * A 28x28 digit (values 0..1) enlarged onto the pad with bilinear interpolation, so an MNIST
 * example looks drawn rather than made of big squares. Pad pixel centres map back to positions
 * between the digit's pixels; outside the digit counts as paper.
 */
export function digitOnPad(pixels: ArrayLike<number>, size = PAD_SIZE, side = 28): GrayImage {
	if (pixels.length !== side * side) {
		throw new RangeError(`a ${side}x${side} digit has ${side * side} pixels, got ${pixels.length}`);
	}
	const out = makeImage(size, size);
	const scale = side / size;
	const at = (x: number, y: number) =>
		x >= 0 && y >= 0 && x < side && y < side ? pixels[y * side + x] : 0;
	for (let y = 0; y < size; y++) {
		const sy = (y + 0.5) * scale - 0.5;
		const y0 = Math.floor(sy);
		const fy = sy - y0;
		for (let x = 0; x < size; x++) {
			const sx = (x + 0.5) * scale - 0.5;
			const x0 = Math.floor(sx);
			const fx = sx - x0;
			out.data[y * size + x] =
				(1 - fx) * (1 - fy) * at(x0, y0) +
				fx * (1 - fy) * at(x0 + 1, y0) +
				(1 - fx) * fy * at(x0, y0 + 1) +
				fx * fy * at(x0 + 1, y0 + 1);
		}
	}
	return out;
}

/**
 * Paints ink into RGBA pixels (an ImageData's data) as dark ink on white paper: the pad's look.
 * Only the rectangle `area` is painted (all of it by default).
 */
export function paintInk(
	rgba: Uint8ClampedArray,
	ink: GrayImage,
	area = { x: 0, y: 0, width: ink.width, height: ink.height },
	colour: [number, number, number] = [29, 36, 51]
): void {
	for (let y = area.y; y < area.y + area.height; y++) {
		for (let x = area.x; x < area.x + area.width; x++) {
			const i = y * ink.width + x;
			const v = ink.data[i];
			rgba[4 * i] = 255 + (colour[0] - 255) * v;
			rgba[4 * i + 1] = 255 + (colour[1] - 255) * v;
			rgba[4 * i + 2] = 255 + (colour[2] - 255) * v;
			rgba[4 * i + 3] = 255;
		}
	}
}
