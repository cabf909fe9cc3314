/**
 * Trained weights inside a link's fragment (`#model=...`), small enough to share:
 * 1. quantise: each tensor's floats become bytes q = round((w - min) / scale), with one float32
 *    min and scale per tensor, so every weight comes back within half a step (scale / 2);
 * 2. deflate (CompressionStream, zlib format: its Adler-32 also catches corrupted data);
 * 3. base64url, which needs no escaping in a URL.
 * Unpacking trusts nothing: the fragment's length is capped before decoding, decompression stops
 * once it passes the size the recipe's model can have (a zip bomb cannot fill memory), and the
 * header, every shape and a checksum are checked against the recipe before any weight is used.
 */
import { readBytes } from '../data/bytes';
import type { RunConfig } from '../engine/config';
import { expectedTensors, parameterCount, sizeOf } from '../engine/models';
import type { TensorSnapshot } from '../engine/protocol';
import { fnv1a } from './checksum';
import type { Parsed } from './schema';
import { formatCount } from '../formatCount';

const MAGIC = [0x44, 0x4c, 0x4d, 0x31]; // "DLM1"
const LEVELS = 255;
/** A net with 512 hidden units packs to under 500,000 characters; anything longer is refused. */
export const MAX_FRAGMENT_CHARS = 640_000;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;

export interface Quantised {
	name: string;
	shape: number[];
	min: number;
	scale: number;
	bytes: Uint8Array;
}

export function quantise(tensor: TensorSnapshot): Quantised {
	const values = tensor.values;
	let min = Infinity;
	let max = -Infinity;
	for (const v of values) {
		// NaN fails both comparisons below, so it must be caught on its own.
		if (!Number.isFinite(v)) min = Number.NaN;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	if (!Number.isFinite(min) || !Number.isFinite(max)) {
		throw new Error(`${tensor.name} holds a value that is not a finite number`);
	}
	let scale = Math.fround((max - min) / LEVELS);
	// Float32 rounding may leave the top weight a hair above the last level: widen by one ulp.
	while (Math.fround(min + LEVELS * scale) < max) scale = Math.fround(scale * (1 + 2 ** -23));
	const bytes = new Uint8Array(values.length);
	if (scale > 0) {
		for (let i = 0; i < values.length; i++) {
			bytes[i] = Math.min(LEVELS, Math.max(0, Math.round((values[i] - min) / scale)));
		}
	}
	return { name: tensor.name, shape: [...tensor.shape], min, scale, bytes };
}

export function dequantise(q: Quantised): TensorSnapshot {
	const values = new Float32Array(q.bytes.length);
	for (let i = 0; i < values.length; i++) values[i] = q.min + q.bytes[i] * q.scale;
	return { name: q.name, shape: [...q.shape], values };
}

function headerSize(tensors: { name: string; shape: number[] }[]): number {
	return 5 + tensors.reduce((n, t) => n + 1 + t.name.length + 1 + 4 * t.shape.length + 8, 0);
}

/** The exact packed (uncompressed) size of a recipe's model. */
export function packedSize(config: RunConfig): number {
	return headerSize(expectedTensors(config)) + parameterCount(config) + 4;
}

/** Header, then each tensor's bytes, then an FNV-1a checksum of everything before it. */
export function encodeQuantised(tensors: Quantised[]): Uint8Array {
	const size = headerSize(tensors) + tensors.reduce((n, t) => n + t.bytes.length, 0) + 4;
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	out.set(MAGIC, 0);
	out[4] = tensors.length;
	let at = 5;
	for (const t of tensors) {
		out[at++] = t.name.length;
		for (let i = 0; i < t.name.length; i++) out[at++] = t.name.charCodeAt(i);
		out[at++] = t.shape.length;
		for (const dim of t.shape) {
			view.setUint32(at, dim, true);
			at += 4;
		}
		view.setFloat32(at, t.min, true);
		view.setFloat32(at + 4, t.scale, true);
		at += 8;
	}
	for (const t of tensors) {
		out.set(t.bytes, at);
		at += t.bytes.length;
	}
	view.setUint32(at, fnv1a(out.subarray(0, at)), true);
	return out;
}

/** Reads the binary form back; throws an Error with a learner-readable reason when it is bad. */
export function decodeQuantised(bytes: Uint8Array, config: RunConfig): Quantised[] {
	const fail = (why: string): never => {
		throw new Error(why);
	};
	if (bytes.length < 9 || MAGIC.some((m, i) => bytes[i] !== m)) {
		fail('it is not Digit Lab model data');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const end = bytes.length - 4;
	if (view.getUint32(end, true) !== fnv1a(bytes.subarray(0, end))) {
		fail('its checksum does not match (the data was changed or cut short)');
	}
	const expected = expectedTensors(config);
	if (bytes[4] !== expected.length) {
		fail(`it holds ${bytes[4]} tensors, and the recipe's model has ${expected.length}`);
	}
	let at = 5;
	const need = (n: number) => {
		if (at + n > end) fail('it is cut short');
	};
	const heads: Omit<Quantised, 'bytes'>[] = [];
	for (const want of expected) {
		need(1);
		const length = bytes[at++];
		need(length + 1);
		const name = String.fromCharCode(...bytes.subarray(at, at + length));
		at += length;
		const rank = bytes[at++];
		need(4 * rank + 8);
		const shape = Array.from({ length: rank }, (_, i) => view.getUint32(at + 4 * i, true));
		at += 4 * rank;
		const min = view.getFloat32(at, true);
		const scale = view.getFloat32(at + 4, true);
		at += 8;
		if (!NAME.test(name) || name !== want.name || shape.join('x') !== want.shape.join('x')) {
			fail(
				`it holds ${NAME.test(name) ? name : 'a tensor'} [${shape.slice(0, 4).join(', ')}] where the recipe's model has ${want.name} [${want.shape.join(', ')}]`
			);
		}
		if (!Number.isFinite(min) || !Number.isFinite(scale) || scale < 0) {
			fail(`the range of ${name} is not a pair of finite numbers`);
		}
		heads.push({ name, shape, min, scale });
	}
	const tensors = heads.map((head) => {
		const count = sizeOf(head.shape);
		need(count);
		const q = { ...head, bytes: bytes.slice(at, at + count) };
		at += count;
		return q;
	});
	if (at !== end) fail('it holds more data than the model needs');
	return tensors;
}

export function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	const CHUNK = 0x8000;
	for (let i = 0; i < bytes.length; i += CHUNK) {
		binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null for text that is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	try {
		const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
		return Uint8Array.from(binary, (c) => c.charCodeAt(0));
	} catch {
		return null;
	}
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as BlobPart])
		.stream()
		.pipeThrough(new CompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates at most `limit` bytes: reading stops (and the stream is cancelled) as soon as the
 * output passes it, so a small hostile input cannot expand into gigabytes.
 */
export async function inflateBounded(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
	const stream = new Blob([bytes as BlobPart])
		.stream()
		.pipeThrough(new DecompressionStream('deflate'));
	const tooBig = new Error(
		`it unpacks to more than the ${formatCount(limit)} bytes this model needs`
	);
	try {
		return await readBytes(stream, (total) => {
			if (total > limit) throw tooBig;
		});
	} catch (error) {
		if (error === tooBig) throw error;
		throw new Error('its compressed data is corrupted or cut short', { cause: error });
	}
}

/** Weights -> the text after `#model=`. */
export async function packModel(weights: readonly TensorSnapshot[]): Promise<string> {
	return toBase64Url(await deflate(encodeQuantised(weights.map(quantise))));
}

/** The `model=` value of a fragment; refuses oversized fragments before looking inside. */
export function modelFromFragment(hash: string): Parsed<string | null> {
	const text = hash.startsWith('#') ? hash.slice(1) : hash;
	if (text === '') return { value: null, messages: [] };
	if (text.length > MAX_FRAGMENT_CHARS) {
		return {
			value: null,
			messages: [
				`Ignored the model in this link: it is ${formatCount(text.length)} characters long, more than the ${formatCount(MAX_FRAGMENT_CHARS)} a shared model can have.`
			]
		};
	}
	if (!text.startsWith('model=')) {
		return { value: null, messages: ['Ignored the part of this link after #: it holds no model.'] };
	}
	return { value: text.slice('model='.length), messages: [] };
}

/** The `model=` text -> weights for this recipe, or null and a message naming what was wrong. */
export async function unpackModel(
	data: string,
	config: RunConfig
): Promise<Parsed<TensorSnapshot[] | null>> {
	const refuse = (why: string) => ({
		value: null,
		messages: [
			`Ignored the trained model in this link: ${why}. The run starts from fresh weights instead.`
		]
	});
	if (data.length > MAX_FRAGMENT_CHARS) return refuse('it is too long');
	const compressed = fromBase64Url(data);
	if (!compressed || compressed.length === 0) return refuse('it is not valid base64url text');
	try {
		const bytes = await inflateBounded(compressed, packedSize(config));
		return { value: decodeQuantised(bytes, config).map(dequantise), messages: [] };
	} catch (error) {
		return refuse(error instanceof Error ? error.message : 'it could not be read');
	}
}
