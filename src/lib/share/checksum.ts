/**
 * A short fingerprint of a model's weights, carried by replay links: the recipient's replayed run
 * compares its own weights with the sender's. FNV-1a (32 bit) over the float32 bytes is enough to
 * tell "bit for bit the same" from "different"; it is not a security measure.
 */
import type { TensorSnapshot } from '../engine/protocol';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over bytes, continuing from `hash` (so several arrays can be hashed in sequence). */
export function fnv1a(bytes: Uint8Array, hash = FNV_OFFSET): number {
	let h = hash >>> 0;
	for (let i = 0; i < bytes.length; i++) {
		h ^= bytes[i];
		h = Math.imul(h, FNV_PRIME) >>> 0;
	}
	return h >>> 0;
}

export function hex8(hash: number): string {
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** 8 hex digits over every tensor's float32 bytes, in the model's order. */
export function weightsChecksum(weights: readonly TensorSnapshot[]): string {
	let hash = FNV_OFFSET;
	for (const tensor of weights) {
		const values = tensor.values;
		hash = fnv1a(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), hash);
	}
	return hex8(hash);
}

export const CHECKSUM_PATTERN = /^[0-9a-f]{8}$/;
