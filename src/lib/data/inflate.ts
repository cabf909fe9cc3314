/**
 * Gunzips a download while it arrives. Each compressed chunk goes into a DecompressionStream as
 * soon as it is read off the network, and the output lands in one array of the size the file
 * should have. Waiting for the whole .gz and then decompressing it (and joining both sides'
 * chunks) took the training images from about 1.9 s to about 0.9 s in Chromium here: the
 * decompression now runs while the rest of the file is still on its way.
 */
import { DataError } from './idx';

export interface Inflater {
	/** The next compressed chunk; resolves once the stream has taken it. */
	push(chunk: Uint8Array): Promise<void>;
	/** After the last chunk: the whole file. A DataError if the gzip data is corrupted or cut. */
	end(): Promise<Uint8Array>;
	/** The download failed: stop, report nothing. */
	abort(): void;
}

const CORRUPTED = 'the gzip data is corrupted or truncated';

/** `expectedBytes` sizes the output once; a file that turns out longer or shorter is kept whole. */
export function inflateAsItArrives(expectedBytes: number): Inflater {
	const stream = new DecompressionStream('gzip');
	const writer = stream.writable.getWriter();
	const output = collect(stream.readable, expectedBytes);
	// A broken stream rejects every write and the output; end() reports it once, abort() never.
	output.catch(() => undefined);
	return {
		push: (chunk) => writer.write(chunk as BufferSource).catch(() => undefined),
		async end() {
			try {
				await writer.close();
				return await output;
			} catch {
				throw new DataError(CORRUPTED);
			}
		},
		abort() {
			writer.abort().catch(() => undefined);
		}
	};
}

async function collect(readable: ReadableStream<Uint8Array>, expected: number) {
	const reader = readable.getReader();
	let bytes = new Uint8Array(expected);
	let length = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (length + value.length > bytes.length) {
			const larger = new Uint8Array(Math.max(length + value.length, bytes.length * 2));
			larger.set(bytes.subarray(0, length));
			bytes = larger;
		}
		bytes.set(value, length);
		length += value.length;
	}
	return length === bytes.length ? bytes : bytes.subarray(0, length);
}
