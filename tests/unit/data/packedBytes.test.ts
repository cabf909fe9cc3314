/**
 * The packed byte layout WebGL batches are uploaded in (data/packedBytes.ts): each RGBA texel a
 * 2x2 block of [rows, 784], texels row by row. The browser side (that tfjs's shaders read it as
 * x / 255) is checked on the device by engine/webgl/byteUploads.ts and in playground.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { PIXELS } from '$lib/data/mnistFiles';
import { fillPackedBytes, PACKED_WIDTH, packedBytesLength } from '$lib/data/packedBytes';

/** Images whose every byte says where it came from: image i, pixel p -> (i * 31 + p) % 251. */
function images(count: number): Uint8Array {
	return Uint8Array.from({ length: count * PIXELS }, (_, k) => {
		const image = Math.floor(k / PIXELS);
		return (image * 31 + (k % PIXELS)) % 251;
	});
}

/** The byte the layout puts at (row, col): channel (row % 2) * 2 + col % 2 of texel (row/2, col/2). */
function at(out: Uint8Array, row: number, col: number): number {
	const texel = Math.floor(row / 2) * PACKED_WIDTH + Math.floor(col / 2);
	return out[texel * 4 + (row % 2) * 2 + (col % 2)];
}

describe('fillPackedBytes', () => {
	it('is 392 texels of 4 bytes per pair of rows, an odd last row taking a whole pair', () => {
		expect(PACKED_WIDTH).toBe(392);
		expect(packedBytesLength(256)).toBe(128 * 392 * 4);
		expect(packedBytesLength(5)).toBe(3 * 392 * 4);
	});

	for (const rows of [4, 5, 1]) {
		it(`puts every pixel of ${rows} digits in its block, in batch order`, () => {
			const source = images(9);
			const order = Uint32Array.from([8, 3, 0, 7, 2, 6, 1]);
			const out = new Uint8Array(packedBytesLength(rows)).fill(99);
			fillPackedBytes(source, order, 2, 2 + rows, out);
			for (let row = 0; row < rows; row++) {
				const image = order[2 + row];
				for (let col = 0; col < PIXELS; col++) {
					expect(at(out, row, col)).toBe(source[image * PIXELS + col]);
				}
			}
			// An odd last digit's missing partner row is zeros, not the 99s left in the array.
			if (rows % 2 === 1) {
				for (let col = 0; col < PIXELS; col++) expect(at(out, rows, col)).toBe(0);
			}
		});
	}

	it('refuses an array of the wrong size', () => {
		expect(() =>
			fillPackedBytes(images(2), Uint32Array.from([0, 1]), 0, 2, new Uint8Array(10))
		).toThrow(/2 digits need 1568 bytes, not 10/);
	});
});
