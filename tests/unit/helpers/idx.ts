/** Small synthetic IDX files and fake file specs, so parser tests need no 47 MB download. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
	MNIST_FILES,
	servedName,
	type MnistFileKey,
	type MnistFileSpec
} from '$lib/data/mnistFiles';
import { SERVED_DATA_DIR } from '../../../scripts/lib/nodeData';

/** An IDX file: big-endian magic, one 32-bit size per dimension, then the bytes. */
export function idxBytes(magic: number, dims: number[], values: ArrayLike<number>): Uint8Array {
	const header = 4 + 4 * dims.length;
	const out = new Uint8Array(header + values.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, magic);
	dims.forEach((size, i) => view.setUint32(4 + 4 * i, size));
	out.set(values, header);
	return out;
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** A fake spec for a tiny images file (3 digits of 28 x 28). */
export function fakeImageSpec(overrides: Partial<MnistFileSpec> = {}): MnistFileSpec {
	return {
		key: 'testImages',
		title: 'tiny images',
		fileName: 'tiny-images-idx3-ubyte',
		magic: 0x00000803,
		dims: [3, 28, 28],
		sha256: '0'.repeat(64),
		...overrides
	};
}

export function fakeLabelSpec(overrides: Partial<MnistFileSpec> = {}): MnistFileSpec {
	return {
		key: 'testLabels',
		title: 'tiny labels',
		fileName: 'tiny-labels-idx1-ubyte',
		magic: 0x00000801,
		dims: [5],
		sha256: '0'.repeat(64),
		...overrides
	};
}

export function realSpec(key: MnistFileKey): MnistFileSpec {
	return MNIST_FILES.find((s) => s.key === key)!;
}

/** The served (gzip-compressed) copy of a real MNIST file, as prepared by scripts/prepare-data. */
export function servedBytes(spec: MnistFileSpec): Uint8Array {
	return new Uint8Array(readFileSync(path.join(SERVED_DATA_DIR, servedName(spec))));
}

export function rawBytes(spec: MnistFileSpec): Uint8Array {
	return new Uint8Array(gunzipSync(servedBytes(spec)));
}
