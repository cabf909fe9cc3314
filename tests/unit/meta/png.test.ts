import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, filterRows, PNG_SIGNATURE } from '../../../scripts/og/png';

/** Undoes the two filters our encoder uses, back to plain RGB rows. */
function unfilter(width: number, height: number, filtered: Uint8Array): Uint8Array {
	const stride = width * 3;
	const out = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		const type = filtered[y * (stride + 1)];
		expect([0, 1]).toContain(type);
		for (let i = 0; i < stride; i++) {
			const raw = filtered[y * (stride + 1) + 1 + i];
			const left = type === 1 && i >= 3 ? out[y * stride + i - 3] : 0;
			out[y * stride + i] = (raw + left) & 0xff;
		}
	}
	return out;
}

/** Splits a PNG file into its chunks, checking each chunk's CRC on the way. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
	const found: { type: string; data: Buffer }[] = [];
	let at = PNG_SIGNATURE.length;
	while (at < png.length) {
		const length = png.readUInt32BE(at);
		const type = png.toString('latin1', at + 4, at + 8);
		const data = png.subarray(at + 8, at + 8 + length);
		expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
		found.push({ type, data });
		at += 12 + length;
	}
	return found;
}

function gradient(width: number, height: number): Uint8Array {
	const rgb = new Uint8Array(width * height * 3);
	for (let i = 0; i < width * height; i++) rgb.set([i % 256, (i * 7) % 256, (i * 13) % 256], i * 3);
	return rgb;
}

describe('crc32', () => {
	it('matches the standard check value and the CRC of an IEND chunk', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
		expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
	});
});

describe('encodePng', () => {
	it('writes the signature, an RGB 8-bit header, the pixels and an end chunk', () => {
		const rgb = gradient(37, 11);
		const png = encodePng(37, 11, rgb);
		expect([...png.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
		const parts = chunks(png);
		expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
		const header = parts[0].data;
		expect(header.readUInt32BE(0)).toBe(37);
		expect(header.readUInt32BE(4)).toBe(11);
		expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
		const decoded = unfilter(37, 11, new Uint8Array(inflateSync(parts[1].data)));
		expect(decoded).toEqual(rgb);
	});

	it('gives the same bytes for the same pixels (a deterministic build)', () => {
		const rgb = gradient(64, 64);
		expect(encodePng(64, 64, rgb).equals(encodePng(64, 64, rgb))).toBe(true);
	});

	it('compresses a flat card-sized image about 700 times (deflate tops out near 1000)', () => {
		const flat = new Uint8Array(1200 * 630 * 3).fill(245);
		expect(encodePng(1200, 630, flat).length).toBeLessThan((1200 * 630 * 3) / 700);
	});

	it('refuses a wrong buffer size or an empty image', () => {
		expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(/expected 12 RGB bytes/);
		expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/bad PNG size/);
	});
});

describe('filterRows', () => {
	it('chooses Sub for a smooth row and None for a row of high-contrast noise', () => {
		const smooth = Uint8Array.from({ length: 30 }, (_, i) => 100 + (i >> 2));
		expect(filterRows(10, 1, smooth)[0]).toBe(1);
		const noisy = Uint8Array.from({ length: 30 }, (_, i) => ((i * 97) % 2 ? 2 : 0));
		expect(filterRows(10, 1, noisy)[0]).toBe(0);
	});
});
