/**
 * Reading the parts of a model file (modelFile.ts): the recipe, the weights, the metrics history,
 * the loss curve and where it came from. Each trusts nothing. A broken recipe field falls back
 * through the same schema as URLs, and a broken history is dropped, each with a notice; a weight
 * problem is an error, because a model with one wrong weight is not the model.
 */
import type { RunConfig } from '../engine/config';
import { expectedTensors, modelLabel, sizeOf, type TensorSpec } from '../engine/models';
import type { EpochMetrics, TensorSnapshot } from '../engine/protocol';
import { RUN_CONFIG_SCHEMA } from './runConfig';
import { defaults, parseField, quote, type FieldSpec } from './schema';
import { formatCount } from '../formatCount';

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Largest finite float32: a bigger JSON number would become Infinity in the model. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The metrics a file keeps per epoch, in the order it writes them. */
export const EPOCH_FIELDS = [
	'epoch',
	'trainLoss',
	'validLoss',
	'validAccuracy',
	'exactAccuracy',
	'notebookAccuracy',
	'seconds'
] as const satisfies readonly (keyof EpochMetrics)[];

type EpochField = (typeof EPOCH_FIELDS)[number];

/** Files written before the rename call the notebook's accuracy by its old name. */
const OLD_EPOCH_NAMES: Partial<Record<EpochField, string>> = { notebookAccuracy: 'seedAccuracy' };

/** Every recipe field through the same schema as URLs: a broken one falls back, with a notice. */
export function parseRecipe(raw: unknown, notices: string[]): RunConfig {
	const config = defaults(RUN_CONFIG_SCHEMA);
	if (!isObject(raw)) {
		notices.push('The file has no recipe; using the default recipe.');
		return config;
	}
	const fields: string[] = [];
	for (const name of Object.keys(RUN_CONFIG_SCHEMA) as (keyof RunConfig)[]) {
		const spec = RUN_CONFIG_SCHEMA[name];
		fields.push(name);
		const value = raw[name];
		if (value === undefined) {
			notices.push(`The recipe has no ${spec.label}; using ${String(spec.default)}.`);
			continue;
		}
		const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
		const messages: string[] = [];
		const parsed = parseField(spec as FieldSpec<unknown>, text, messages);
		(config as unknown as Json)[name] = parsed;
		notices.push(...messages.map((m) => `Recipe: ${m}`));
	}
	const unknown = Object.keys(raw).filter((k) => !fields.includes(k));
	if (unknown.length > 0) {
		notices.push(`Ignored unknown recipe fields ${unknown.slice(0, 5).map(quote).join(', ')}.`);
	}
	return config;
}

/** The recipe's model's tensors, each exactly once, by name and shape (see engine/models). */
export function parseWeights(raw: unknown, config: RunConfig, errors: string[]): TensorSnapshot[] {
	const expected = expectedTensors(config);
	const what = `the ${modelLabel(config, 'with')}`;
	if (!Array.isArray(raw)) {
		errors.push('The file has no weights (a "weights" list).');
		return [];
	}
	const out: TensorSnapshot[] = [];
	for (const want of expected) {
		const found = raw.filter((t) => isObject(t) && t.name === want.name);
		if (found.length === 0) {
			errors.push(
				`The weights have no ${want.name} (${what} needs ${expected.map((t) => t.name).join(', ')}).`
			);
			continue;
		}
		if (found.length > 1) {
			errors.push(`The weights hold ${want.name} ${found.length} times.`);
			continue;
		}
		const tensor = parseTensor(found[0] as Json, want, what, errors);
		if (tensor) out.push(tensor);
	}
	const names = new Set(expected.map((t) => t.name));
	const extra = raw.filter((t) => !(isObject(t) && names.has(t.name as string)));
	if (extra.length > 0) {
		const shown = extra
			.slice(0, 3)
			.map((t) => (isObject(t) ? quote(String(t.name)) : 'an entry that is not a tensor'));
		errors.push(`The weights hold more than ${what} has: ${shown.join(', ')}.`);
	}
	return out;
}

function parseTensor(
	raw: Json,
	want: TensorSpec,
	what: string,
	errors: string[]
): TensorSnapshot | null {
	const shape = raw.shape;
	const shapeOk =
		Array.isArray(shape) && shape.every((d) => typeof d === 'number' && Number.isInteger(d));
	if (!shapeOk) {
		errors.push(`${want.name} has no shape (a list of whole numbers).`);
		return null;
	}
	if (shape.join('x') !== want.shape.join('x')) {
		errors.push(
			`${want.name} should be ${want.shape.join(' x ')} for ${what}, the file has ${shape.length > 0 ? shape.join(' x ') : 'a single number'}.`
		);
		return null;
	}
	const size = sizeOf(want.shape);
	const values = raw.values;
	if (!Array.isArray(values)) {
		errors.push(`${want.name} has no values (a list of ${formatCount(size)} numbers).`);
		return null;
	}
	if (values.length !== size) {
		errors.push(
			`${want.name} should hold ${formatCount(size)} numbers (${want.shape.join(' x ')}), the file has ${formatCount(values.length)}.`
		);
		return null;
	}
	const out = new Float32Array(size);
	for (let i = 0; i < size; i++) {
		const v = values[i];
		if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > FLOAT32_MAX) {
			const shown = typeof v === 'string' ? quote(v) : String(JSON.stringify(v)).slice(0, 40);
			errors.push(`${want.name} value ${formatCount(i + 1)} is ${shown}, not a finite number.`);
			return null;
		}
		out[i] = v;
	}
	return { name: want.name, shape: want.shape.slice(), values: out };
}

/** The metrics history is nice to have: a broken one is dropped with a notice, not fatal. */
export function parseEpochs(raw: unknown, notices: string[]): EpochMetrics[] {
	if (raw === undefined) return [];
	if (!Array.isArray(raw)) {
		notices.push('Ignored the metrics history: it is not a list.');
		return [];
	}
	const out: EpochMetrics[] = [];
	for (const [i, entry] of raw.entries()) {
		if (!isObject(entry)) {
			notices.push(`Ignored the metrics history: entry ${i + 1} it is not a record.`);
			return [];
		}
		const values = {} as Record<EpochField, number>;
		for (const k of EPOCH_FIELDS) {
			const value = entry[k] ?? entry[OLD_EPOCH_NAMES[k] ?? k];
			if (typeof value !== 'number' || !Number.isFinite(value)) {
				notices.push(`Ignored the metrics history: entry ${i + 1} has no finite ${k}.`);
				return [];
			}
			values[k] = value;
		}
		if (values.epoch !== i + 1) {
			notices.push(`Ignored the metrics history: entry ${i + 1} is numbered ${values.epoch}.`);
			return [];
		}
		out.push(values);
	}
	return out;
}

export function parseLosses(raw: unknown, notices: string[]): [number, number][] {
	if (raw === undefined) return [];
	const ok =
		Array.isArray(raw) &&
		raw.every(
			(p) =>
				Array.isArray(p) &&
				p.length === 2 &&
				Number.isInteger(p[0]) &&
				typeof p[1] === 'number' &&
				Number.isFinite(p[1])
		);
	if (!ok) {
		notices.push('Ignored the loss curve: it is not a list of [step, loss] pairs.');
		return [];
	}
	return raw as [number, number][];
}

/** Where a model file came from, shown to whoever imports it. */
export interface ModelSource {
	app: string;
	/** The page it was exported from (text, never followed). */
	page: string;
	/** The backend it was trained on: webgl, wasm or cpu. */
	backend: string;
	/** ISO 8601 time of the export. */
	exportedAt: string;
}

/** Text fields only, cut short: they are shown to the learner and never interpreted. */
export function parseSource(raw: unknown): ModelSource {
	const text = (key: string) => {
		const v = isObject(raw) ? raw[key] : undefined;
		return typeof v === 'string' ? v.slice(0, 200) : '';
	};
	return {
		app: text('app'),
		page: text('page'),
		backend: text('backend'),
		exportedAt: text('exportedAt')
	};
}
