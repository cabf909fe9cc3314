import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '$lib/data/idx';
import { httpSource, loadMnist, type ByteSource, type DataProgress } from '$lib/data/mnist';
import { expectedByteLength, MNIST_FILES } from '$lib/data/mnistFiles';
import { gunzipSync } from 'node:zlib';
import { realSpec, servedBytes } from '../helpers/idx';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

/** A body that arrives in the given chunks, like a slow download. */
function chunkedBody(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
	let next = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (next < chunks.length) controller.enqueue(chunks[next++]);
			else controller.close();
		}
	});
}

function split(bytes: Uint8Array, parts: number): Uint8Array[] {
	const size = Math.ceil(bytes.length / parts);
	const out: Uint8Array[] = [];
	for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
	return out;
}

/** A fetch that records the URLs asked for and answers with the given function. */
function fakeFetch(answer: (url: string) => Response | Promise<Response>) {
	const urls: string[] = [];
	const fetchFn = (async (input: RequestInfo | URL) => {
		const url = String(input);
		urls.push(url);
		return answer(url);
	}) as typeof fetch;
	return { fetchFn, urls };
}

const testLabels = realSpec('testLabels');

describe('loadMnist with a fake ByteSource', () => {
	it('loads all four files, reporting progress that ends at stage ready', async () => {
		const served = new Map(MNIST_FILES.map((spec) => [spec.key, servedBytes(spec)]));
		const asked: string[] = [];
		// Reports each file in four steps, first without a total (like a compressed response).
		const source: ByteSource = async (spec, onBytes) => {
			asked.push(spec.key);
			const bytes = served.get(spec.key)!;
			for (let part = 1; part <= 4; part++) {
				await Promise.resolve();
				const loaded = Math.round((bytes.length * part) / 4);
				onBytes(loaded, part < 4 ? 0 : bytes.length);
			}
			return bytes;
		};
		const progress: DataProgress[] = [];
		const data = await loadMnist(source, (p) => progress.push({ ...p }));

		expect(asked.sort()).toEqual(MNIST_FILES.map((s) => s.key).sort());
		expect(data.trainImages.length).toBe(60000 * 784);
		expect(data.trainLabels.length).toBe(60000);
		expect(data.testImages.length).toBe(10000 * 784);
		expect(data.testLabels.length).toBe(10000);

		const stages = progress.map((p) => p.stage);
		expect(stages.filter((s) => s === 'downloading').length).toBe(16);
		expect(stages.slice(-2)).toEqual(['checking', 'ready']);
		const last = progress[progress.length - 1];
		const servedTotal = [...served.values()].reduce((a, b) => a + b.length, 0);
		expect(last).toEqual({ stage: 'ready', loadedBytes: servedTotal, totalBytes: servedTotal });
		for (let i = 1; i < progress.length; i++) {
			expect(progress[i].loadedBytes).toBeGreaterThanOrEqual(progress[i - 1].loadedBytes);
		}
		for (const p of progress) expect(p.loadedBytes).toBeLessThanOrEqual(p.totalBytes);
	});

	it('passes on the error of a source that fails', async () => {
		const source: ByteSource = async (spec) => {
			if (spec.key === 'testLabels') throw new DataError('test labels: could not download x');
			return new Uint8Array(expectedByteLength(spec));
		};
		await expect(loadMnist(source)).rejects.toThrow('test labels: could not download x');
	});
});

describe('loadMnist when one file fails', () => {
	it('stops the other downloads and reports no progress after the failure', async () => {
		const signals: AbortSignal[] = [];
		let onLater: (() => void) | null = null;
		const source: ByteSource = (spec, onBytes, signal) => {
			signals.push(signal!);
			if (spec.key === 'trainLabels')
				return Promise.reject(new DataError('training labels: HTTP 404'));
			onLater = () => onBytes(1000, 2000);
			return new Promise(() => {});
		};
		const progress: DataProgress[] = [];
		await expect(loadMnist(source, (p) => progress.push(p))).rejects.toThrow('HTTP 404');
		expect(signals.every((s) => s.aborted)).toBe(true);
		onLater!();
		expect(progress).toEqual([]);
	});
});

describe('httpSource', () => {
	const gz = servedBytes(testLabels);

	it('fetches <base>/<file>.gz, gunzips it as it arrives, and reports byte progress against Content-Length', async () => {
		const { fetchFn, urls } = fakeFetch(
			() =>
				new Response(chunkedBody(split(gz, 5)), {
					headers: { 'content-length': String(gz.length) }
				})
		);
		const calls: [number, number][] = [];
		const bytes = await httpSource('http://test/data/mnist/', fetchFn)(testLabels, (l, t) =>
			calls.push([l, t])
		);
		expect(urls).toEqual(['http://test/data/mnist/t10k-labels-idx1-ubyte.gz']);
		expect(bytes).toEqual(new Uint8Array(gunzipSync(gz)));
		expect(calls.length).toBe(6); // five chunks, then the final (received, received)
		expect(calls.map((c) => c[1])).toEqual(Array(6).fill(gz.length));
		// Growing with each chunk; the last chunk's report is repeated as the final one.
		for (let i = 1; i < 5; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
		expect(calls[0][0]).toBeLessThan(gz.length);
		expect(calls[4][0]).toBe(gz.length);
		expect(calls[calls.length - 1]).toEqual([gz.length, gz.length]);
	});

	it('counts decoded bytes against the IDX size when the host adds Content-Encoding', async () => {
		// vite preview used to send .gz files with Content-Encoding: gzip: the browser decodes them,
		// so the body is the raw IDX file and Content-Length (compressed) says nothing about it.
		const raw = new Uint8Array(gunzipSync(gz));
		const { fetchFn } = fakeFetch(
			() =>
				new Response(chunkedBody(split(raw, 4)), {
					headers: { 'content-encoding': 'gzip', 'content-length': String(gz.length) }
				})
		);
		const calls: [number, number][] = [];
		const bytes = await httpSource('http://test/data/mnist', fetchFn)(testLabels, (l, t) =>
			calls.push([l, t])
		);
		expect(bytes).toEqual(raw);
		expect(calls.map(([, total]) => total)).toEqual(Array(5).fill(raw.length));
		expect(calls[0][0]).toBeLessThan(raw.length);
		expect(calls.at(-1)).toEqual([raw.length, raw.length]);
	});

	it('uses the recorded gzip size when the host gives no usable length', async () => {
		const { fetchFn } = fakeFetch(() => new Response(chunkedBody(split(gz, 3))));
		const calls: [number, number][] = [];
		await httpSource('http://test/data/mnist', fetchFn)(testLabels, (l, t) => calls.push([l, t]));
		expect(calls[0]).toEqual([Math.ceil(gz.length / 3), testLabels.gzipBytes]);
		expect(calls.at(-1)).toEqual([gz.length, gz.length]);
	});

	it('names a connection cut in the middle of the body, with how much arrived', async () => {
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent++ < 2) controller.enqueue(gz.subarray(0, 1000));
				else controller.error(new TypeError('network error'));
			}
		});
		const { fetchFn } = fakeFetch(() => new Response(body));
		await expect(
			httpSource('http://test/data/mnist', fetchFn)(testLabels, () => {})
		).rejects.toThrow(
			'test labels: the connection was cut after 2.0 KB of 4.2 KB (http://test/data/mnist/t10k-labels-idx1-ubyte.gz)'
		);
	});

	it('treats a body shorter than its Content-Length as a cut connection', async () => {
		const { fetchFn } = fakeFetch(
			() =>
				new Response(chunkedBody([gz.subarray(0, 3000)]), {
					headers: { 'content-length': String(gz.length) }
				})
		);
		const error = await httpSource('http://test/data/mnist', fetchFn)(testLabels, () => {}).catch(
			(e: Error) => e
		);
		expect(error).toBeInstanceOf(DataError);
		expect((error as Error).message).toMatch(/connection was cut after 3\.0 KB of 4\.2 KB/);
	});

	it('names the file, the URL and the status for an HTTP error', async () => {
		const { fetchFn } = fakeFetch(() => new Response('not here', { status: 404 }));
		const error = await httpSource('http://test/data/mnist', fetchFn)(testLabels, () => {}).then(
			() => null,
			(e: Error) => e
		);
		expect(error).toBeInstanceOf(DataError);
		expect(error!.message).toBe(
			'test labels: could not download http://test/data/mnist/t10k-labels-idx1-ubyte.gz (HTTP 404)'
		);
	});

	it('names the file for a network error', async () => {
		const { fetchFn } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
		await expect(
			httpSource('http://test/data/mnist', fetchFn)(testLabels, () => {})
		).rejects.toThrow(/^test labels: could not download .* \(network error: no connection\)$/);
	});

	it('feeds loadMnist end to end, with a 404 on one file failing the load', async () => {
		const { fetchFn } = fakeFetch((url) =>
			url.endsWith('train-labels-idx1-ubyte.gz')
				? new Response(null, { status: 404 })
				: new Response(new Uint8Array(10))
		);
		await expect(loadMnist(httpSource('/data/mnist', fetchFn))).rejects.toThrow(
			'training labels: could not download /data/mnist/train-labels-idx1-ubyte.gz (HTTP 404)'
		);
	});
});
