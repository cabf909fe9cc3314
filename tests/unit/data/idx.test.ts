import * as tf from '@tensorflow/tfjs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLabels, DataError, isGzip, parseIdx } from '$lib/data/idx';
import { decodeMnistFile, gunzipIfNeeded } from '$lib/data/mnist';
import { expectedByteLength, MNIST_FILES } from '$lib/data/mnistFiles';
import {
	fakeImageSpec,
	fakeLabelSpec,
	idxBytes,
	rawBytes,
	realSpec,
	servedBytes,
	sha256Hex
} from '../helpers/idx';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

/** The error a function throws (fails the test if it does not throw). */
function thrown(fn: () => unknown): Error {
	try {
		fn();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error, none was thrown');
}

async function rejected(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection, the promise resolved');
}

const tinyValues = Array.from({ length: 3 * 28 * 28 }, (_, i) => (i * 37) % 256);

describe('parseIdx on good files', () => {
	it('reads the dimensions and returns the values as a view without the header', () => {
		const spec = fakeImageSpec();
		const bytes = idxBytes(0x803, [3, 28, 28], tinyValues);
		expect(bytes.byteLength).toBe(expectedByteLength(spec));
		const { dims, values } = parseIdx(bytes, spec);
		expect(dims).toEqual([3, 28, 28]);
		expect(values.length).toBe(3 * 784);
		expect(Array.from(values.subarray(0, 5))).toEqual(tinyValues.slice(0, 5));
		expect(values[values.length - 1]).toBe(tinyValues[tinyValues.length - 1]);
		// A view into the same buffer, 16 header bytes in.
		expect(values.buffer).toBe(bytes.buffer);
		expect(values.byteOffset).toBe(16);
	});

	it('honours the byte offset of a view into a larger buffer', () => {
		const spec = fakeLabelSpec();
		const file = idxBytes(0x801, [5], [3, 1, 4, 1, 5]);
		const padded = new Uint8Array(file.length + 7);
		padded.set(file, 3);
		const { dims, values } = parseIdx(padded.subarray(3, 3 + file.length), spec);
		expect(dims).toEqual([5]);
		expect(Array.from(values)).toEqual([3, 1, 4, 1, 5]);
	});

	it('accepts the headers of the four real files', () => {
		for (const spec of MNIST_FILES) {
			const bytes = rawBytes(spec);
			expect(bytes.byteLength).toBe(expectedByteLength(spec));
			const { dims, values } = parseIdx(bytes, spec);
			expect(dims).toEqual([...spec.dims]);
			expect(values.length).toBe(spec.dims.reduce((a, b) => a * b, 1));
		}
	});
});

describe('parseIdx on bad files', () => {
	it('names the file and both sizes when it is truncated', () => {
		const spec = realSpec('trainImages');
		const truncated = new Uint8Array(1_000_000);
		truncated.set(idxBytes(0x803, [60000, 28, 28], []));
		const error = thrown(() => parseIdx(truncated, spec));
		expect(error).toBeInstanceOf(DataError);
		expect(error.name).toBe('DataError');
		expect(error.message).toBe('training images: expected 47,040,016 bytes, got 1,000,000');
	});

	it('rejects a file with extra bytes', () => {
		const bytes = idxBytes(0x803, [3, 28, 28], [...tinyValues, 0]);
		expect(() => parseIdx(bytes, fakeImageSpec())).toThrow(
			'tiny images: expected 2,368 bytes, got 2,369'
		);
	});

	it('rejects an empty buffer and one shorter than a magic number', () => {
		expect(() => parseIdx(new Uint8Array(0), realSpec('testLabels'))).toThrow(
			'test labels: expected 10,008 bytes, got 0'
		);
		expect(() => parseIdx(new Uint8Array(3), fakeLabelSpec())).toThrow(DataError);
	});

	it('rejects a wrong magic number, naming both', () => {
		// An images file handed over where labels are expected.
		const bytes = idxBytes(0x803, [5], [1, 2, 3, 4, 5]);
		const error = thrown(() => parseIdx(bytes, fakeLabelSpec()));
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toBe(
			'tiny labels: wrong magic number 0x00000803, expected 0x00000801 (not an MNIST IDX file)'
		);
		// A gzip stream that was never decompressed is not an IDX file either.
		const gz = new Uint8Array(gzipSync(idxBytes(0x801, [5], [1, 2, 3, 4, 5])));
		expect(() => parseIdx(gz, fakeLabelSpec())).toThrow(/wrong magic number 0x1f8b/);
	});

	it('rejects a wrong dimension with the right total size', () => {
		// 4 x 28 x 21 has as many values as 3 x 28 x 28, so only the dimension check can catch it.
		const bytes = idxBytes(0x803, [3, 28, 28], tinyValues);
		new DataView(bytes.buffer).setUint32(4, 4);
		new DataView(bytes.buffer).setUint32(12, 21);
		expect(() => parseIdx(bytes, fakeImageSpec())).toThrow(
			'tiny images: dimension 1 is 4, expected 3'
		);
		const swapped = idxBytes(0x803, [3, 28, 28], tinyValues);
		new DataView(swapped.buffer).setUint32(8, 784);
		new DataView(swapped.buffer).setUint32(12, 1);
		expect(() => parseIdx(swapped, fakeImageSpec())).toThrow(
			'tiny images: dimension 2 is 784, expected 28'
		);
	});
});

describe('checkLabels', () => {
	it('accepts digits 0-9 and names the first label above 9', () => {
		const spec = fakeLabelSpec();
		expect(() => checkLabels(new Uint8Array([0, 9, 5, 1, 2]), spec)).not.toThrow();
		const error = thrown(() => checkLabels(new Uint8Array([0, 9, 10, 255, 2]), spec));
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toBe('tiny labels: label 2 is 10, not a digit 0-9');
	});

	it('accepts the real label files', () => {
		for (const key of ['trainLabels', 'testLabels'] as const) {
			const spec = realSpec(key);
			expect(() => checkLabels(parseIdx(rawBytes(spec), spec).values, spec)).not.toThrow();
		}
	});
});

describe('gzip detection and gunzipIfNeeded', () => {
	const raw = idxBytes(0x803, [3, 28, 28], tinyValues);
	const gz = new Uint8Array(gzipSync(raw));

	it('recognises the gzip magic bytes only', () => {
		expect(isGzip(gz)).toBe(true);
		expect(isGzip(servedBytes(realSpec('testLabels')))).toBe(true);
		expect(isGzip(raw)).toBe(false);
		expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
		expect(isGzip(new Uint8Array([0x8b, 0x1f]))).toBe(false);
		expect(isGzip(new Uint8Array(0))).toBe(false);
	});

	it('decompresses gzip and passes raw bytes through untouched', async () => {
		expect(await gunzipIfNeeded(gz)).toEqual(raw);
		expect(await gunzipIfNeeded(raw)).toBe(raw);
		const empty = new Uint8Array(0);
		expect(await gunzipIfNeeded(empty)).toBe(empty);
	});

	it('gives a DataError for corrupted or truncated gzip data', async () => {
		const flipped = gz.slice();
		for (let i = 12; i < flipped.length - 8; i++) flipped[i] ^= 0x55;
		const cases = [flipped, gz.subarray(0, gz.length - 10), new Uint8Array([0x1f, 0x8b, 1, 2, 3])];
		for (const bad of cases) {
			const error = await rejected(gunzipIfNeeded(bad));
			expect(error).toBeInstanceOf(DataError);
			expect(error.message).toBe('the gzip data is corrupted or truncated');
		}
	});
});

describe('decodeMnistFile', () => {
	const labels = [7, 2, 1, 0, 4];
	const goodLabels = idxBytes(0x801, [5], labels);
	const spec = fakeLabelSpec({ sha256: sha256Hex(goodLabels) });

	it('decodes a gzipped file whose checksum matches', async () => {
		const values = await decodeMnistFile(new Uint8Array(gzipSync(goodLabels)), spec);
		expect(Array.from(values)).toEqual(labels);
		expect(Array.from(await decodeMnistFile(goodLabels, spec))).toEqual(labels);
	});

	it('decodes the real test labels', async () => {
		const testLabels = realSpec('testLabels');
		const values = await decodeMnistFile(servedBytes(testLabels), testLabels);
		expect(values.length).toBe(10000);
		expect(Array.from(values.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
	});

	it('rejects a file with the right structure but different bytes: checksum mismatch', async () => {
		const testLabels = realSpec('testLabels');
		const tampered = rawBytes(testLabels);
		tampered[8] = 3; // the first test digit is a 7; call it a 3
		const error = await rejected(decodeMnistFile(tampered, testLabels));
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toMatch(/^test labels: checksum mismatch \(SHA-256 [0-9a-f]{12}\.\.\./);
		expect(error.message).toContain(`expected ${testLabels.sha256.slice(0, 12)}...`);
		expect(error.message).toContain(sha256Hex(tampered).slice(0, 12));
	});

	it('rejects a label above 9 even when the checksum matches', async () => {
		const bad = idxBytes(0x801, [5], [7, 2, 12, 0, 4]);
		const error = await rejected(decodeMnistFile(bad, fakeLabelSpec({ sha256: sha256Hex(bad) })));
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toBe('tiny labels: label 2 is 12, not a digit 0-9');
	});

	it('names the file when its gzip layer is corrupted', async () => {
		const gz = new Uint8Array(gzipSync(goodLabels));
		const error = await rejected(decodeMnistFile(gz.subarray(0, gz.length - 6), spec));
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toBe('tiny labels: the gzip data is corrupted or truncated');
	});

	it('names the file when it is junk', async () => {
		const error = await rejected(decodeMnistFile(new Uint8Array(50).fill(42), spec));
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toMatch(/^tiny labels: wrong magic number 0x2a2a2a2a/);
	});
});
