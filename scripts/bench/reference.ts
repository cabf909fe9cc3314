/**
 * The notebook's PyTorch epoch times for `npm run bench -- --reference=FILE`: a small JSON file
 * such as {"linear": 0.39, "mlp": 1.12, "machine": "..."} (seconds per training epoch of 60,000
 * digits, batch 256), measured by running the notebook's loop on the same machine. The bench
 * prints them beside its own figures; it never runs Python.
 */
import type { PytorchReference } from '../../src/lib/bench/protocol';
import { MODEL_KINDS } from '../../src/lib/engine/models';

/** Reads the file's JSON; throws naming the first problem. */
export function parseReference(text: string, file = 'the reference file'): PytorchReference {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
	}
	if (!json || typeof json !== 'object' || Array.isArray(json)) {
		throw new Error(
			`${file} should hold an object such as {"linear": 0.39, "mlp": 1.12, "machine": "..."}`
		);
	}
	const record = json as Record<string, unknown>;
	const seconds: PytorchReference['seconds'] = {};
	for (const kind of MODEL_KINDS) {
		const value = record[kind];
		if (value === undefined) continue;
		if (typeof value !== 'number' || !(value > 0)) {
			throw new Error(
				`${file}: "${kind}" should be seconds per epoch (a positive number), not ${JSON.stringify(value)}`
			);
		}
		seconds[kind] = value;
	}
	if (Object.keys(seconds).length === 0) {
		throw new Error(
			`${file} names no model: give seconds per epoch for ${MODEL_KINDS.join(' or ')}`
		);
	}
	const machine = typeof record.machine === 'string' ? record.machine : 'machine not given';
	return { seconds, machine };
}
