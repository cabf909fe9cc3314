/**
 * The ten small pictures along the bottom of a card, as 28 x 28 RGB cells: trained weight maps
 * of a linear learner, one real digit of each class, or random starting weights. The learner is
 * trained here in plain TypeScript (one short pass of softmax regression from zero weights), so
 * the picture is the same on every machine and takes well under a second.
 */
import type { CardStrip } from '../../src/lib/meta/tags';
import { divergingTable, greysTable } from '../../src/lib/viz/paint';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
export const CLASSES = 10;

export interface TrainingImages {
	images: Uint8Array;
	labels: Uint8Array;
}

/**
 * Softmax regression by mini-batch SGD, weights starting at zero, images in file order (MNIST's
 * training file is already mixed). Returns W as [784, 10], pixel-major like the site's engine.
 */
export function trainLinear(
	data: TrainingImages,
	{ examples = 12_000, batch = 100, lr = 0.5 } = {}
): Float32Array {
	const w = new Float32Array(PIXELS * CLASSES);
	const b = new Float32Array(CLASSES);
	const gradW = new Float32Array(PIXELS * CLASSES);
	const gradB = new Float32Array(CLASSES);
	const logits = new Float64Array(CLASSES);
	const count = Math.min(examples, data.labels.length);
	for (let start = 0; start < count; start += batch) {
		const end = Math.min(count, start + batch);
		gradW.fill(0);
		gradB.fill(0);
		for (let n = start; n < end; n++) {
			const image = data.images.subarray(n * PIXELS, (n + 1) * PIXELS);
			logits.set(b);
			for (let i = 0; i < PIXELS; i++) {
				if (image[i] === 0) continue; // most of an MNIST image is blank paper
				const x = image[i] / 255;
				for (let c = 0; c < CLASSES; c++) logits[c] += x * w[i * CLASSES + c];
			}
			const top = Math.max(...logits);
			let total = 0;
			for (let c = 0; c < CLASSES; c++) total += logits[c] = Math.exp(logits[c] - top);
			// dL/dz_c = p_c - [y = c]; each inked pixel passes it on to its ten weights.
			for (let c = 0; c < CLASSES; c++) {
				logits[c] = logits[c] / total - (data.labels[n] === c ? 1 : 0);
				gradB[c] += logits[c];
			}
			for (let i = 0; i < PIXELS; i++) {
				if (image[i] === 0) continue;
				const x = image[i] / 255;
				for (let c = 0; c < CLASSES; c++) gradW[i * CLASSES + c] += x * logits[c];
			}
		}
		const step = lr / (end - start);
		for (let k = 0; k < w.length; k++) w[k] -= step * gradW[k];
		for (let c = 0; c < CLASSES; c++) b[c] -= step * gradB[c];
	}
	return w;
}

/** A small seeded generator (mulberry32) with Box-Muller normals: the same noise every build. */
export function normals(count: number, seed = 1): Float32Array {
	let state = seed >>> 0;
	const uniform = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = new Float32Array(count);
	for (let i = 0; i < count; i++) {
		out[i] = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
	}
	return out;
}

// The site's own colour tables (RGBA, an odd number of entries so 0 lands on the middle one).
const DIVERGING = divergingTable();
const GREYS = greysTable();

/** The colour at t in [0, 1] of a table, as RGB. */
function lookup(table: Uint8ClampedArray, t: number): Uint8ClampedArray {
	const entry = Math.round(Math.max(0, Math.min(1, t)) * (table.length / 4 - 1));
	return table.subarray(entry * 4, entry * 4 + 3);
}

/**
 * Column `c` of a [784, 10] matrix as a picture, red negative, white zero, blue positive (the
 * site's RdBu scale), with one symmetric range for all ten so the maps compare.
 */
export function weightCells(w: Float32Array, scale: number, c: number): Uint8Array {
	const cells = new Uint8Array(PIXELS * 3);
	for (let i = 0; i < PIXELS; i++) {
		cells.set(lookup(DIVERGING, 0.5 + (0.5 * w[i * CLASSES + c]) / scale), i * 3);
	}
	return cells;
}

/** One 28 x 28 image, white paper and dark ink (as the site draws digits). */
export function digitCells(image: Uint8Array): Uint8Array {
	const cells = new Uint8Array(PIXELS * 3);
	for (let i = 0; i < PIXELS; i++) cells.set(lookup(GREYS, image[i] / 255), i * 3);
	return cells;
}

/** The largest |value|, ignoring the few most extreme (0.5%) so one weight does not wash out the rest. */
export function robustMaxAbs(values: Float32Array): number {
	const sorted = Array.from(values, Math.abs).sort((a, b) => a - b);
	return Math.max(sorted[Math.floor(sorted.length * 0.995)] ?? 0, 1e-6);
}

export function stripCells(
	kind: CardStrip,
	data: TrainingImages,
	trained: Float32Array
): Uint8Array[] {
	const classes = Array.from({ length: CLASSES }, (_, c) => c);
	if (kind === 'digits') {
		return classes.map((c) => {
			const n = data.labels.indexOf(c);
			return digitCells(data.images.subarray(n * PIXELS, (n + 1) * PIXELS));
		});
	}
	const w = kind === 'weights' ? trained : normals(PIXELS * CLASSES);
	const scale = robustMaxAbs(w);
	return classes.map((c) => weightCells(w, scale, c));
}
