import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_FILES, servedName } from '$lib/data/mnistFiles';
import { fileSource, ROOT, SERVED_DATA_DIR } from '../../../scripts/lib/nodeData';
import { realSpec } from '../helpers/idx';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

describe('nodeData', () => {
	it('points at the prepared files under static/data/mnist', () => {
		expect(existsSync(path.join(ROOT, 'package.json'))).toBe(true);
		expect(SERVED_DATA_DIR).toBe(path.join(ROOT, 'static', 'data', 'mnist'));
		for (const spec of MNIST_FILES) {
			expect(existsSync(path.join(SERVED_DATA_DIR, servedName(spec)))).toBe(true);
		}
	});

	it('reads a file as gzip bytes and reports its size once', async () => {
		const calls: [number, number][] = [];
		const bytes = await fileSource(realSpec('testLabels'), (l, t) => calls.push([l, t]));
		expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
		expect(calls).toEqual([[bytes.length, bytes.length]]);
	});
});
