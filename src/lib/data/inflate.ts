/**
 * Gunzips a download while it arrives. Each compressed chunk goes into a DecompressionStream as
 * soon as it is read off the network, and the output lands in one array of the size the file
 * should have. Waiting for the whole .gz and then decompressing it (and joining both sides'
 * chunks) took the training images from about 1.9 s to about 0.9 s in Chromium here: the
 * decompression now runs while the rest of the file is still on its way.
 *
 * The first failure stops everything: the stream is torn down (so no write waits forever on a
 * reader that stopped) and every later push, and end(), rejects with it, so the caller can stop
 * downloading at once instead of fetching the rest of a file it cannot use.
 */
import { formatCount } from '../formatCount';
import { DataError } from './idx';

export interface Inflater {
	/** The next compressed chunk; resolves once the stream has taken it, rejects once it failed. */
	push(chunk: Uint8Array): Promise<void>;
	/** After the last chunk: the whole file. A DataError if the gzip data is corrupted or cut. */
	end(): Promise<Uint8Array>;
	/** The download failed: stop, report nothing. */
	abort(): void;
}

const CORRUPTED = 'the gzip data is corrupted or truncated';

/**
 * `expectedBytes` sizes the output once. A file that unpacks to more is refused as soon as it
 * passes that size (an MNIST file has exactly its size, and a gzip bomb never gets to grow); a
 * shorter one comes back as it is, for the IDX check to name.
 */
export function inflateAsItArrives(expectedBytes: number): Inflater {
	const stream = new DecompressionStream('gzip');
	const writer = stream.writable.getWriter();
	const reader = stream.readable.getReader();
	let failure: DataError | null = null;
	const fail = (error: unknown): DataError => {
		failure ??= error instanceof DataError ? error : new DataError(CORRUPTED);
		reader.cancel().catch(() => undefined);
		writer.abort(failure).catch(() => undefined);
		return failure;
	};
	const output = collect(reader, expectedBytes).catch((error: unknown) => {
		throw fail(error);
	});
	// Reported by push or end; a download that is aborted reports nothing.
	output.catch(() => undefined);
	return {
		async push(chunk) {
			if (failure) throw failure;
			try {
				await writer.write(chunk as BufferSource);
			} catch (error) {
				throw fail(error);
			}
		},
		async end() {
			if (failure) throw failure;
			try {
				await writer.close();
			} catch (error) {
				throw fail(error);
			}
			return output;
		},
		abort() {
			fail(new DataError('the download was stopped'));
		}
	};
}

async function collect(reader: ReadableStreamDefaultReader<Uint8Array>, expected: number) {
	const bytes = new Uint8Array(expected);
	let length = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (length + value.length > expected) {
			throw new DataError(`it unpacks to more than the ${formatCount(expected)} bytes expected`);
		}
		bytes.set(value, length);
		length += value.length;
	}
	return length === expected ? bytes : bytes.subarray(0, length);
}
