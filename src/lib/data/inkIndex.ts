/**
 * Batches of pixels as floats, fast. About 81% of MNIST's pixels are black (0), so each image's
 * inked pixels are listed once (their positions, 2 bytes each), and a batch is filled by zeroing
 * the array and writing only those: about 5x less work per batch than converting all 784 bytes,
 * which matters when the training step itself takes well under a millisecond (WASM). The values
 * are exactly the notebook's x / 255, looked up in a table of the 256 possible bytes.
 */
import { PIXELS } from './mnistFiles';

/** byte -> byte / 255 as a float32: the notebook's scaling, computed once per byte value. */
export const SCALED = Float32Array.from({ length: 256 }, (_, value) => value / 255);

/**
 * Each image's inked (non-zero) pixels: positions[k] and the byte values[k] for k in
 * starts[i] .. starts[i + 1]. Three bytes an inked pixel (about 27 MB for the 60,000 training
 * images); the fill then reads them in order instead of hopping through the image.
 */
export interface InkIndex {
	starts: Uint32Array;
	positions: Uint16Array;
	values: Uint8Array;
}

/** Built once per image array (a worker keeps one MnistData), shared by every run on it. */
const built = new WeakMap<Uint8Array, InkIndex>();

export function inkIndex(images: Uint8Array): InkIndex {
	const known = built.get(images);
	if (known) return known;
	const count = Math.floor(images.length / PIXELS);
	// Four pixels at a time: most of them are black, so whole 4-byte words are 0 and skipped.
	// (784 = 4 x 196, so no word straddles two images.)
	const bytes = images.byteOffset % 4 === 0 ? images : images.slice();
	const perImage = PIXELS >> 2;
	const words = new Uint32Array(bytes.buffer, bytes.byteOffset, count * perImage);
	let inked = 0;
	for (let w = 0; w < words.length; w++) {
		if (words[w] === 0) continue;
		const i = w << 2;
		if (bytes[i] !== 0) inked++;
		if (bytes[i + 1] !== 0) inked++;
		if (bytes[i + 2] !== 0) inked++;
		if (bytes[i + 3] !== 0) inked++;
	}
	const starts = new Uint32Array(count + 1);
	const positions = new Uint16Array(inked);
	const values = new Uint8Array(inked);
	let next = 0;
	for (let image = 0; image < count; image++) {
		starts[image] = next;
		const first = image * perImage;
		for (let w = first; w < first + perImage; w++) {
			if (words[w] === 0) continue;
			for (let j = 0; j < 4; j++) {
				const value = bytes[(w << 2) + j];
				if (value !== 0) {
					positions[next] = ((w - first) << 2) + j;
					values[next++] = value;
				}
			}
		}
	}
	starts[count] = next;
	const index = { starts, positions, values };
	built.set(images, index);
	return index;
}

/** Where a batch's floats go: x [rows, 784] row-major, x^T [784, rows], or both. */
export interface PixelArrays {
	x?: Float32Array;
	xT?: Float32Array;
}

/**
 * Fills the given arrays with images[indices[start..end)] scaled to 0..1: `x` row-major
 * [rows, 784], `xT` the same numbers transposed, [784, rows]. Each must hold exactly rows * 784
 * floats; their old contents are overwritten.
 */
export function fillPixels(
	images: Uint8Array,
	indices: Uint32Array,
	start: number,
	end: number,
	{ x, xT }: PixelArrays
): void {
	const rows = end - start;
	for (const out of [x, xT]) {
		if (out && out.length !== rows * PIXELS) {
			throw new RangeError(`${rows} digits need ${rows * PIXELS} floats, not ${out.length}`);
		}
	}
	// A batch given as its ink (engine/ink) asks for neither layout: nothing to write.
	if (!x && !xT) return;
	x?.fill(0);
	xT?.fill(0);
	// x[row, p] is at row * 784 + p; x^T[p, row] at p * rows + row. Both layouts are written in
	// one walk over the inked pixels; a missing one goes to a 1-float scratch, stride 0.
	const toX: Target = x ? [x, PIXELS, 1] : SCRATCH;
	const toXT: Target = xT ? [xT, 1, rows] : SCRATCH;
	scatter(inkIndex(images), indices, start, rows, toX, toXT);
}

/** An output and its strides: value (row, p) goes to out[row * rowStride + p * pixelStride]. */
type Target = [out: Float32Array, rowStride: number, pixelStride: number];

const SCRATCH: Target = [new Float32Array(1), 0, 0];

/** Writes each inked pixel of the batch's rows into both (zeroed) targets. */
function scatter(
	{ starts, positions, values }: InkIndex,
	indices: Uint32Array,
	start: number,
	rows: number,
	[a, aRow, aPixel]: Target,
	[b, bRow, bPixel]: Target
): void {
	for (let row = 0; row < rows; row++) {
		const image = indices[start + row];
		const aStart = row * aRow;
		const bStart = row * bRow;
		const last = starts[image + 1];
		for (let k = starts[image]; k < last; k++) {
			const p = positions[k];
			const value = SCALED[values[k]];
			a[aStart + p * aPixel] = value;
			b[bStart + p * bPixel] = value;
		}
	}
}
