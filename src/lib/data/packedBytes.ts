/**
 * A batch's pixels as bytes in the layout of a packed WebGL texture, ready to upload as is
 * (engine/webgl/byteUploads.ts): each RGBA texel holds a 2x2 block of the [rows, 784] matrix,
 * (r, c), (r, c+1), (r+1, c), (r+1, c+1), texels row by row. A texture of unsigned bytes reads
 * back in a shader as byte / 255: the notebook's scaling to 0..1, done by the sampler.
 */
import { PIXELS } from './mnistFiles';

/** Texels across one row of blocks. */
export const PACKED_WIDTH = Math.ceil(PIXELS / 2);

/** Bytes a batch of `rows` digits takes in the packed layout (4 per texel). */
export function packedBytesLength(rows: number): number {
	return Math.ceil(rows / 2) * PACKED_WIDTH * 4;
}

/**
 * Writes images[indices[start..end)] into `out` in the packed layout. An odd last digit's partner
 * row is written as zeros.
 */
export function fillPackedBytes(
	images: Uint8Array,
	indices: Uint32Array,
	start: number,
	end: number,
	out: Uint8Array
): void {
	const rows = end - start;
	if (out.length !== packedBytesLength(rows)) {
		throw new RangeError(`${rows} digits need ${packedBytesLength(rows)} bytes, not ${out.length}`);
	}
	for (let row = 0; row < rows; row += 2) {
		const top = indices[start + row] * PIXELS;
		const hasBottom = row + 1 < rows;
		const bottom = hasBottom ? indices[start + row + 1] * PIXELS : 0;
		let at = (row / 2) * PACKED_WIDTH * 4;
		for (let col = 0; col < PIXELS; col += 2) {
			out[at] = images[top + col];
			out[at + 1] = images[top + col + 1];
			out[at + 2] = hasBottom ? images[bottom + col] : 0;
			out[at + 3] = hasBottom ? images[bottom + col + 1] : 0;
			at += 4;
		}
	}
}
