import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	appCacheName,
	dataCacheName,
	dataPaths,
	dataSpecFor,
	isIntactDataFile,
	offlinePage,
	wasmReferences,
	withIsolation
} from '$lib/offline/cachePlan';
import { MNIST_FILES } from '$lib/data/mnistFiles';
import { realSpec } from '../helpers/idx';

describe('cache names', () => {
	it('names the app cache after the build and the data cache after the data', () => {
		expect(appCacheName('1700000000000')).toBe('digit-lab-app-1700000000000');
		expect(dataCacheName()).toBe('digit-lab-data-ba89104665a50cbb0fa7898dff7bcfd4');
		const changed = MNIST_FILES.map((f, i) => (i === 0 ? { ...f, sha256: 'ff' + f.sha256 } : f));
		expect(dataCacheName(changed)).not.toBe(dataCacheName());
	});
});

describe('data paths', () => {
	it('lists the four served files under the base path and finds their specs', () => {
		expect(dataPaths('/digit-lab')).toEqual([
			'/digit-lab/data/mnist/train-images-idx3-ubyte.gz',
			'/digit-lab/data/mnist/train-labels-idx1-ubyte.gz',
			'/digit-lab/data/mnist/t10k-images-idx3-ubyte.gz',
			'/digit-lab/data/mnist/t10k-labels-idx1-ubyte.gz'
		]);
		expect(dataSpecFor('/data/mnist/t10k-labels-idx1-ubyte.gz', '')?.key).toBe('testLabels');
		expect(dataSpecFor('/data/mnist/t10k-labels-idx1-ubyte.gz', '/digit-lab')).toBeNull();
		expect(dataSpecFor('/data/mnist/other.gz', '')).toBeNull();
	});
});

describe('wasmReferences', () => {
	it('finds the binaries the worker loads by URL, not names that merely mention .wasm', () => {
		const script =
			'const a=new URL(`assets/tfjs-backend-wasm-simd-BrM3BlWr.wasm`,import.meta.url).href,' +
			'b=new URL("assets/tfjs-backend-wasm-Ab_1.wasm", import.meta.url);' +
			'setWasmPaths({"tfjs-backend-wasm.wasm":a,"tfjs-backend-wasm-simd.wasm":b})';
		expect(
			wasmReferences(script, 'http://host/digit-lab/_app/immutable/workers/engine.worker-X.js')
		).toEqual([
			'/digit-lab/_app/immutable/workers/assets/tfjs-backend-wasm-simd-BrM3BlWr.wasm',
			'/digit-lab/_app/immutable/workers/assets/tfjs-backend-wasm-Ab_1.wasm'
		]);
	});
});

describe('isIntactDataFile', () => {
	const spec = realSpec('testLabels');
	const served = new Uint8Array(readFileSync('static/data/mnist/t10k-labels-idx1-ubyte.gz'));

	it('keeps the served file, and the same file decoded by a host', async () => {
		expect(await isIntactDataFile(served, spec)).toBe(true);
		expect(await isIntactDataFile(new Uint8Array(gunzipSync(served)), spec)).toBe(true);
	});

	it('never keeps a cut, truncated, corrupted or foreign file', async () => {
		expect(await isIntactDataFile(served.subarray(0, 2000), spec)).toBe(false);
		const short = new Uint8Array(gzipSync(gunzipSync(served).subarray(0, 5000)));
		expect(await isIntactDataFile(short, spec)).toBe(false);
		const flipped = new Uint8Array(gunzipSync(served));
		flipped[100] = 11;
		expect(await isIntactDataFile(new Uint8Array(gzipSync(flipped)), spec)).toBe(false);
		expect(await isIntactDataFile(new TextEncoder().encode('<html>404</html>'), spec)).toBe(false);
	});
});

describe('withIsolation', () => {
	it('adds COOP, COEP and CORP and keeps status, type and body', async () => {
		const answer = withIsolation(
			new Response('hello', { status: 203, headers: { 'Content-Type': 'text/plain' } })
		);
		expect(answer.status).toBe(203);
		expect(answer.headers.get('content-type')).toBe('text/plain');
		expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(answer.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
		expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
		expect(await answer.text()).toBe('hello');
	});

	it('leaves an answer it may not rewrap alone', () => {
		const opaque = Response.error();
		expect(withIsolation(opaque)).toBe(opaque);
	});
});

describe('offlinePage', () => {
	it('links back to the site under its base path', () => {
		const html = offlinePage('/digit-lab');
		expect(html).toContain('You are offline');
		expect(html).toContain('href="/digit-lab/playground"');
		expect(html).toContain('href="/digit-lab/lesson/data"');
	});
});
