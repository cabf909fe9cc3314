/**
 * A minimal PNG encoder for the link-preview images: 8-bit RGB, no interlace, each row filtered
 * with "Sub" or "None", whichever is smaller, then deflated. Pure apart from node's zlib, so the
 * same pixels always give the same bytes (the build stays deterministic).
 */
import { deflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 as PNG (and zip, gzip) define it. */
export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	out.set(data, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** Rows of RGB bytes, each prefixed by its filter type (0 None or 1 Sub). */
export function filterRows(width: number, height: number, rgb: Uint8Array): Uint8Array {
	const stride = width * 3;
	const out = new Uint8Array(height * (stride + 1));
	const sub = new Uint8Array(stride);
	for (let y = 0; y < height; y++) {
		const row = rgb.subarray(y * stride, (y + 1) * stride);
		let plainCost = 0;
		let subCost = 0;
		for (let i = 0; i < stride; i++) {
			sub[i] = (row[i] - (i >= 3 ? row[i - 3] : 0)) & 0xff;
			// The usual heuristic: the smaller sum of bytes read as signed numbers compresses better.
			plainCost += row[i] < 128 ? row[i] : 256 - row[i];
			subCost += sub[i] < 128 ? sub[i] : 256 - sub[i];
		}
		const start = y * (stride + 1);
		const useSub = subCost < plainCost;
		out[start] = useSub ? 1 : 0;
		out.set(useSub ? sub : row, start + 1);
	}
	return out;
}

/** Encodes `rgb` (width * height * 3 bytes, row by row, top first) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
		throw new RangeError(`bad PNG size ${width} x ${height}`);
	}
	if (rgb.length !== width * height * 3) {
		throw new RangeError(`expected ${width * height * 3} RGB bytes, got ${rgb.length}`);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bits per channel
	header[9] = 2; // colour type: RGB
	const data = deflateSync(filterRows(width, height, rgb), { level: 9 });
	return Buffer.concat([
		PNG_SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', data),
		chunk('IEND', new Uint8Array(0))
	]);
}
