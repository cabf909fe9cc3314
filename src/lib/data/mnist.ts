/**
 * Loads the four MNIST files: fetch with byte progress, undo the gzip layer with
 * DecompressionStream (unless the host already did: we look at the magic bytes), check the
 * SHA-256 and the IDX structure, and keep the pixels as bytes. Works in a worker and in node 20
 * (both have fetch, DecompressionStream and crypto.subtle), so the command-line trainer and the
 * browser read the same files through the same code.
 */
import { checkLabels, DataError, isGzip, parseIdx } from './idx';
import { guessedTotal, readBody } from './download';
import { MNIST_FILES, servedName, type MnistFileKey, type MnistFileSpec } from './mnistFiles';

export interface MnistData {
	trainImages: Uint8Array;
	trainLabels: Uint8Array;
	testImages: Uint8Array;
	testLabels: Uint8Array;
}

export interface DataProgress {
	loadedBytes: number;
	totalBytes: number;
	/** 'stopped': the load failed (the page's message says why; Retry starts it again). */
	stage: 'downloading' | 'checking' | 'ready' | 'stopped';
}

/**
 * Gives one file's bytes (possibly still gzip-compressed: httpSource gunzips while it downloads,
 * other sources may not), reporting (loaded, total); `signal`
 * aborts it (another file failed: the load is over).
 */
export type ByteSource = (
	spec: MnistFileSpec,
	onBytes: (loaded: number, total: number) => void,
	signal?: AbortSignal
) => Promise<Uint8Array>;

export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
	if (!isGzip(bytes)) return bytes;
	const stream = new Blob([bytes as BlobPart])
		.stream()
		.pipeThrough(new DecompressionStream('gzip'));
	try {
		return new Uint8Array(await new Response(stream).arrayBuffer());
	} catch {
		throw new DataError('the gzip data is corrupted or truncated');
	}
}

async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
	// crypto.subtle only exists in secure contexts (https or localhost); elsewhere the structural
	// checks still run.
	const subtle = globalThis.crypto?.subtle;
	if (!subtle) return null;
	const digest = await subtle.digest('SHA-256', bytes as BufferSource);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Decompresses, checks and parses one file; throws DataError naming the file. */
export async function decodeMnistFile(raw: Uint8Array, spec: MnistFileSpec): Promise<Uint8Array> {
	let bytes: Uint8Array;
	try {
		bytes = await gunzipIfNeeded(raw);
	} catch (error) {
		throw new DataError(`${spec.title}: ${(error as Error).message}`);
	}
	const { values } = parseIdx(bytes, spec);
	const digest = await sha256Hex(bytes);
	if (digest !== null && digest !== spec.sha256) {
		throw new DataError(
			`${spec.title}: checksum mismatch (SHA-256 ${digest.slice(0, 12)}..., expected ${spec.sha256.slice(0, 12)}...)`
		);
	}
	if (spec.dims.length === 1) checkLabels(values, spec);
	return values;
}

export async function loadMnist(
	source: ByteSource,
	onProgress: (progress: DataProgress) => void = () => {}
): Promise<MnistData> {
	const loaded = new Map<MnistFileKey, number>();
	const totals = new Map<MnistFileKey, number>(
		MNIST_FILES.map((spec) => [spec.key, guessedTotal(spec, null)])
	);
	const report = (stage: DataProgress['stage']) => {
		const sum = (m: Map<MnistFileKey, number>) => [...m.values()].reduce((a, b) => a + b, 0);
		const totalBytes = sum(totals);
		onProgress({ loadedBytes: Math.min(sum(loaded), totalBytes), totalBytes, stage });
	};
	// One failed file ends the load: the others stop downloading and reporting.
	const stop = new AbortController();
	const decoded = await Promise.all(
		MNIST_FILES.map(async (spec) => {
			const onBytes = (bytes: number, total: number) => {
				if (stop.signal.aborted) return;
				loaded.set(spec.key, bytes);
				if (total > 0) totals.set(spec.key, Math.max(total, bytes));
				report('downloading');
			};
			try {
				return [spec.key, await source(spec, onBytes, stop.signal)] as const;
			} catch (error) {
				stop.abort();
				throw error;
			}
		})
	);
	report('checking');
	const data = {} as MnistData;
	for (const [key, raw] of decoded) {
		const spec = MNIST_FILES.find((s) => s.key === key)!;
		data[key] = await decodeMnistFile(raw, spec);
	}
	report('ready');
	return data;
}

/**
 * A ByteSource over HTTP. Progress counts the bytes that arrive, whatever the Content-Encoding
 * (see download.ts); a failed request and a connection cut mid-body are told apart.
 */
export function httpSource(baseUrl: string, fetchFn: typeof fetch = fetch): ByteSource {
	return async (spec, onBytes, signal) => {
		const url = `${baseUrl.replace(/\/$/, '')}/${servedName(spec)}`;
		let response: Response;
		try {
			response = await fetchFn(url, { signal });
		} catch {
			throw new DataError(
				`${spec.title}: could not download ${url} (network error: no connection)`
			);
		}
		if (!response.ok) {
			throw new DataError(`${spec.title}: could not download ${url} (HTTP ${response.status})`);
		}
		return readBody(response, spec, url, onBytes);
	};
}
