/**
 * IDX is the tiny binary format MNIST has shipped in since 1998: a big-endian magic number whose
 * last byte is the rank, one 32-bit size per dimension, then the values as unsigned bytes.
 * Parsing is strict: a wrong magic number, a wrong size or a truncated file is an error that
 * names the file and what was wrong, never a silent NaN later in training.
 */
import { expectedByteLength, type MnistFileSpec } from './mnistFiles';
import { formatCount } from '../formatCount';

export class DataError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataError';
	}
}

export interface IdxArray {
	dims: number[];
	/** The values, a view into the file's bytes (no copy). */
	values: Uint8Array;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

export function parseIdx(bytes: Uint8Array, spec: MnistFileSpec): IdxArray {
	const expected = expectedByteLength(spec);
	if (bytes.byteLength < 4) {
		throw new DataError(
			`${spec.title}: expected ${formatCount(expected)} bytes, got ${formatCount(bytes.byteLength)}`
		);
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const magic = view.getUint32(0);
	if (magic !== spec.magic) {
		throw new DataError(
			`${spec.title}: wrong magic number ${hex(magic)}, expected ${hex(spec.magic)} (not an MNIST IDX file)`
		);
	}
	if (bytes.byteLength !== expected) {
		throw new DataError(
			`${spec.title}: expected ${formatCount(expected)} bytes, got ${formatCount(bytes.byteLength)}`
		);
	}
	const dims = spec.dims.map((_, i) => view.getUint32(4 + 4 * i));
	dims.forEach((size, i) => {
		if (size !== spec.dims[i]) {
			throw new DataError(
				`${spec.title}: dimension ${i + 1} is ${formatCount(size)}, expected ${formatCount(spec.dims[i])}`
			);
		}
	});
	const headerLength = 4 + 4 * dims.length;
	return { dims, values: bytes.subarray(headerLength) };
}

/** gzip streams start with 0x1f 0x8b; an IDX file starts with two zero bytes. */
export function isGzip(bytes: Uint8Array): boolean {
	return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Labels must be digits 0..9; a corrupted label would otherwise make a one-hot of zeros. */
export function checkLabels(values: Uint8Array, spec: MnistFileSpec): void {
	for (let i = 0; i < values.length; i++) {
		if (values[i] > 9) {
			throw new DataError(
				`${spec.title}: label ${formatCount(i)} is ${values[i]}, not a digit 0-9`
			);
		}
	}
}
