/**
 * Reading one MNIST file over HTTP with progress that counts the bytes that really arrive. The
 * served files are gzip copies; some hosts add `Content-Encoding: gzip` to a `.gz` file, and the
 * browser then hands us the body already decoded (five times as many bytes as Content-Length
 * says). So the total is decided from the first bytes that arrive: still gzip, it is the
 * compressed size (Content-Length, or the size recorded in mnistFiles.ts); already decoded, it is
 * the IDX file's own size. Either way the bar moves with the body and reaches 100% when it ends.
 */
import { joinChunks } from './bytes';
import { DataError, isGzip } from './idx';
import { inflateAsItArrives, type Inflater } from './inflate';
import { expectedByteLength, type MnistFileSpec } from './mnistFiles';

/** "9.6 MB", "28.2 KB": sizes as the learner reads them. */
export function formatSize(bytes: number): string {
	return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} KB`;
}

/**
 * The body's byte count as the server declares it, or null when it cannot be trusted: missing,
 * or counting compressed bytes that the browser decodes before we see them.
 */
export function declaredLength(headers: Headers): number | null {
	const encoding = headers.get('content-encoding');
	if (encoding && encoding !== 'identity') return null;
	const length = Number(headers.get('content-length') ?? NaN);
	return Number.isFinite(length) && length > 0 ? length : null;
}

/** Before any byte has arrived: the compressed size we expect to download. */
export function guessedTotal(spec: MnistFileSpec, declared: number | null): number {
	return declared ?? spec.gzipBytes ?? Math.round(expectedByteLength(spec) / 4);
}

/** Once the first bytes are here: how many bytes this body will carry in all. */
export function bodyTotal(spec: MnistFileSpec, first: Uint8Array, declared: number | null): number {
	return isGzip(first) ? guessedTotal(spec, declared) : expectedByteLength(spec);
}

/** Words for a body that stopped before its end, so the learner knows to check the connection. */
export function cutMessage(spec: MnistFileSpec, url: string, received: number, total: number) {
	return new DataError(
		`${spec.title}: the connection was cut after ${formatSize(received)} of ${formatSize(total)} (${url})`
	);
}

/**
 * Reads a response body chunk by chunk, reporting (received, total) after each. A gzip body is
 * decompressed as it arrives (inflate.ts) and comes back as the IDX file; any other body comes
 * back as it arrived. Throws a DataError naming a cut connection when the stream fails or ends
 * short of the declared length, or naming corrupted gzip data as soon as it shows (the rest of
 * the body is then not read).
 */
export async function readBody(
	response: Response,
	spec: MnistFileSpec,
	url: string,
	onBytes: (loaded: number, total: number) => void
): Promise<Uint8Array> {
	const declared = declaredLength(response.headers);
	let total = guessedTotal(spec, declared);
	if (!response.body) {
		const bytes = new Uint8Array(await response.arrayBuffer());
		onBytes(bytes.length, bytes.length);
		return bytes;
	}
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let inflater: Inflater | null = null;
	let received = 0;
	const cut = (expected: number) => {
		inflater?.abort();
		return cutMessage(spec, url, received, expected);
	};
	for (;;) {
		let part: ReadableStreamReadResult<Uint8Array>;
		try {
			part = await reader.read();
		} catch {
			throw cut(total);
		}
		if (part.done) break;
		if (received === 0) {
			total = bodyTotal(spec, part.value, declared);
			if (isGzip(part.value)) inflater = inflateAsItArrives(expectedByteLength(spec));
		}
		if (inflater) {
			try {
				await inflater.push(part.value);
			} catch (error) {
				// Corrupted data: the rest of this file is of no use, so stop fetching it now.
				reader.cancel().catch(() => undefined);
				throw unusable(spec, error);
			}
		} else chunks.push(part.value);
		received += part.value.length;
		onBytes(received, Math.max(total, received));
	}
	if (declared !== null && received < declared) throw cut(declared);
	onBytes(received, received);
	if (!inflater) return joinChunks(chunks, received);
	try {
		return await inflater.end();
	} catch (error) {
		throw unusable(spec, error);
	}
}

/** The inflater's reason, with the file it is about. */
function unusable(spec: MnistFileSpec, error: unknown): DataError {
	return new DataError(`${spec.title}: ${(error as Error).message}`);
}
