import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyTotal, declaredLength, formatSize, guessedTotal } from '$lib/data/download';
import { loadMnist, type ByteSource, type DataProgress } from '$lib/data/mnist';
import { expectedByteLength, MNIST_FILES, servedName } from '$lib/data/mnistFiles';
import { SERVED_DATA_DIR } from '../../../scripts/lib/nodeData';
import { realSpec } from '../helpers/idx';

const trainImages = realSpec('trainImages');

describe('declaredLength', () => {
	it('trusts Content-Length only when the body arrives as sent', () => {
		expect(declaredLength(new Headers({ 'content-length': '9612640' }))).toBe(9612640);
		expect(
			declaredLength(new Headers({ 'content-length': '9612640', 'content-encoding': 'identity' }))
		).toBe(9612640);
		expect(
			declaredLength(new Headers({ 'content-length': '9612640', 'content-encoding': 'gzip' }))
		).toBeNull();
		expect(declaredLength(new Headers())).toBeNull();
		expect(declaredLength(new Headers({ 'content-length': 'abc' }))).toBeNull();
	});
});

describe('the total a download counts against', () => {
	const gzipStart = new Uint8Array([0x1f, 0x8b, 8, 0]);
	const idxStart = new Uint8Array([0, 0, 8, 3]);

	it('is the compressed size while the body is still gzip', () => {
		expect(bodyTotal(trainImages, gzipStart, 9_000_000)).toBe(9_000_000);
		expect(bodyTotal(trainImages, gzipStart, null)).toBe(trainImages.gzipBytes);
	});

	it('is the IDX size once the host has decoded it', () => {
		expect(bodyTotal(trainImages, idxStart, null)).toBe(47_040_016);
		expect(bodyTotal(trainImages, idxStart, 9_612_640)).toBe(expectedByteLength(trainImages));
	});

	it('starts from the recorded sizes, so the first bar is right before any header', () => {
		expect(guessedTotal(trainImages, null)).toBe(9_612_640);
		const { gzipBytes: _, ...unrecorded } = trainImages;
		expect(guessedTotal(unrecorded, null)).toBe(Math.round(47_040_016 / 4));
	});

	it('loadMnist reports the sum of the recorded sizes before the first byte', async () => {
		const progress: DataProgress[] = [];
		// Each file says "0 bytes so far, total unknown" and then fails: only the guess is left.
		const first: ByteSource = async (spec, onBytes) => {
			onBytes(0, 0);
			throw new Error(`stop ${spec.key}`);
		};
		await loadMnist(first, (p) => progress.push(p)).catch(() => undefined);
		const recorded = MNIST_FILES.reduce((sum, spec) => sum + (spec.gzipBytes ?? 0), 0);
		expect(progress[0]).toEqual({ loadedBytes: 0, totalBytes: recorded, stage: 'downloading' });
		expect(recorded).toBe(11_243_332);
	});

	it('records sizes within 1% of the files prepare-data wrote (zlib may differ elsewhere)', () => {
		for (const spec of MNIST_FILES) {
			const size = statSync(path.join(SERVED_DATA_DIR, servedName(spec))).size;
			expect(Math.abs(size - spec.gzipBytes!) / size).toBeLessThan(0.01);
		}
	});
});

describe('formatSize', () => {
	it('writes KB below a megabyte and MB above', () => {
		expect(formatSize(4210)).toBe('4.2 KB');
		expect(formatSize(9_612_640)).toBe('9.6 MB');
	});
});
