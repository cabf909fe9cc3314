import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from '$lib/data/download';
import { DataError } from '$lib/data/idx';
import { inflateAsItArrives } from '$lib/data/inflate';
import { expectedByteLength } from '$lib/data/mnistFiles';
import { fakeImageSpec, idxBytes } from '../helpers/idx';

const spec = fakeImageSpec();
const file = idxBytes(
	spec.magic,
	[...spec.dims],
	Array.from({ length: 3 * 784 }, (_, i) => (i * 7) % 256)
);
const gz = new Uint8Array(gzipSync(file));

/** `bytes` in pieces of `size`, the way a network hands a body over. */
function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
	const out: Uint8Array[] = [];
	for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
	return out;
}

async function inflate(chunks: Uint8Array[], expected: number): Promise<Uint8Array> {
	const inflater = inflateAsItArrives(expected);
	for (const chunk of chunks) await inflater.push(chunk);
	return inflater.end();
}

/**
 * A body that hands over the given chunks one read at a time, each a macrotask after the last
 * (as a network does, and as zlib needs to report an error before the next chunk), then ends or
 * fails. `pulled()` says how many chunks were read, `cancelled()` whether the reader gave up.
 */
function slowBody(chunks: Uint8Array[], fail = false) {
	let pulled = 0;
	let cancelled = false;
	const stream = new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				await new Promise((resolve) => setTimeout(resolve, 0));
				if (pulled < chunks.length) controller.enqueue(chunks[pulled++]);
				else if (fail) controller.error(new TypeError('network error'));
				else controller.close();
			},
			cancel() {
				cancelled = true;
			}
		},
		{ highWaterMark: 0 }
	);
	return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

function response(chunks: Uint8Array[], { fail = false, headers = {} } = {}): Response {
	return new Response(slowBody(chunks, fail).stream, { headers });
}

describe('inflating a gzip body as it arrives', () => {
	it('gives the file back whole, whatever the chunk size', async () => {
		for (const size of [1, 7, 100, gz.length]) {
			expect(await inflate(pieces(gz, size), file.length)).toEqual(file);
		}
	});

	it('keeps a shorter file whole, for the IDX check to name', async () => {
		expect(await inflate([gz], file.length + 100)).toEqual(file);
	});

	it('refuses a file that unpacks past its size, and every push after that', async () => {
		await expect(inflate(pieces(gz, 50), 10)).rejects.toThrow(
			new DataError('it unpacks to more than the 10 bytes expected')
		);
		// 4 MB of zeros is a 4 KB gzip: pushing it in small pieces after the output was refused
		// must not wait forever on a stream that nobody reads any more, and must stop early.
		const bomb = new Uint8Array(gzipSync(new Uint8Array(4_000_000)));
		const inflater = inflateAsItArrives(1000);
		let pushed = 0;
		for (const chunk of pieces(bomb, 16)) {
			const taken = await inflater.push(chunk).then(
				() => true,
				() => false
			);
			if (!taken) break;
			pushed += 1;
			await new Promise((resolve) => setTimeout(resolve, 0)); // the network's pace
		}
		expect(pushed).toBeLessThan(pieces(bomb, 16).length);
		await expect(inflater.end()).rejects.toThrow(
			'it unpacks to more than the 1,000 bytes expected'
		);
	});

	it('refuses a whole bomb pushed at once instead of waiting on a reader that stopped', async () => {
		// 40 MB of zeros in one push: without the teardown this write waits forever on backpressure.
		const bomb = new Uint8Array(gzipSync(new Uint8Array(40_000_000)));
		const inflater = inflateAsItArrives(1000);
		const refused = new DataError('it unpacks to more than the 1,000 bytes expected');
		await expect(inflater.push(bomb)).rejects.toThrow(refused);
		await expect(inflater.end()).rejects.toThrow(refused);
	}, 10_000);

	it('names corrupted and cut gzip data', async () => {
		const corrupted = gz.slice();
		corrupted.fill(0xff, 20, 60);
		await expect(inflate([corrupted], file.length)).rejects.toThrow(
			new DataError('the gzip data is corrupted or truncated')
		);
		await expect(inflate([gz.subarray(0, gz.length - 10)], file.length)).rejects.toThrow(
			/corrupted or truncated/
		);
	});
});

describe('readBody', () => {
	const url = 'https://example.test/tiny.gz';

	it('decompresses a gzip body while it arrives and counts the compressed bytes', async () => {
		const seen: [number, number][] = [];
		const bytes = await readBody(response(pieces(gz, 64)), spec, url, (a, b) => seen.push([a, b]));
		expect(bytes).toEqual(file);
		expect(seen.at(-1)).toEqual([gz.length, gz.length]);
		expect(seen.length).toBe(Math.ceil(gz.length / 64) + 1);
	});

	it('hands a body the host already decoded back as it came', async () => {
		const bytes = await readBody(
			response(pieces(file, 500), { headers: { 'content-encoding': 'gzip' } }),
			spec,
			url,
			() => {}
		);
		expect(bytes).toEqual(file);
		expect(bytes.length).toBe(expectedByteLength(spec));
	});

	it('names the file for corrupted gzip, and a cut connection as cut', async () => {
		const corrupted = gz.slice();
		corrupted.fill(0xff, 20, 60);
		await expect(readBody(response([corrupted]), spec, url, () => {})).rejects.toThrow(
			'tiny images: the gzip data is corrupted or truncated'
		);
		await expect(
			readBody(response(pieces(gz, 64).slice(0, 2), { fail: true }), spec, url, () => {})
		).rejects.toThrow(
			new DataError(
				'tiny images: the connection was cut after 0.1 KB of 0.6 KB (https://example.test/tiny.gz)'
			)
		);
	});

	it('stops reading a body as soon as its gzip data turn out corrupted', async () => {
		const corrupted = gz.slice();
		corrupted.fill(0xff, 20, 60);
		const body = slowBody([corrupted, ...pieces(new Uint8Array(64_000), 64)]);
		await expect(readBody(new Response(body.stream), spec, url, () => {})).rejects.toThrow(
			'tiny images: the gzip data is corrupted or truncated'
		);
		// The body is cancelled, not merely left unread (the old code read all 1,001 chunks).
		expect(body.cancelled()).toBe(true);
		expect(body.pulled()).toBeLessThan(100);
	});
});
