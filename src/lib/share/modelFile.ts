/**
 * A trained model as a JSON file the learner can keep, open in any text editor or load in Python
 * (`json.load`), and import back into the playground: the recipe, the per-epoch metrics, the loss
 * curve and every weight.
 *
 * Weights are plain JSON numbers, not base64: readable by anything, and still exact. A float32
 * needs at most 9 significant digits to come back bit for bit (IEEE 754's FLT_DECIMAL_DIG), so
 * each value is written with 9 digits, and trailing zeros are dropped. The net (23,860 numbers)
 * makes a file of about 320 KB, the linear learner about 110 KB. In Python:
 *
 *     f = json.load(open('digit-lab-net-h30-3-epochs.json'))
 *     W1 = np.array(f['weights'][0]['values'], dtype=np.float32).reshape(f['weights'][0]['shape'])
 *
 * Parsing never throws and trusts nothing: a file that is not JSON, of another version, with a
 * broken recipe, wrong tensor names or shapes, or numbers that are not finite float32 values is
 * refused with a message naming what is wrong. Strings from the file are only ever shown as text.
 * Pure: no tfjs (the page imports this), no DOM.
 */
import { CLASSES, PIXELS, type RunConfig } from '../engine/config';
import type { EpochMetrics, TensorSnapshot } from '../engine/protocol';
import { RUN_CONFIG_SCHEMA } from './runConfig';
import { defaults, parseField, quote, type FieldSpec } from './schema';

export const MODEL_FILE_FORMAT = 'digit-lab-model';
export const MODEL_FILE_VERSION = 1;
/**
 * Bigger files are refused before they are read. The largest real one (a net of 512 hidden
 * units, 407,050 weights, 200 epochs of metrics and losses) is under 8 MB.
 */
export const MAX_MODEL_FILE_BYTES = 20 * 1024 * 1024;
/** Largest finite float32: a bigger JSON number would become Infinity in the model. */
const FLOAT32_MAX = 3.4028234663852886e38;
const EPOCHS_SPEC = RUN_CONFIG_SCHEMA.epochs;
const MAX_EPOCHS = EPOCHS_SPEC.kind === 'number' ? EPOCHS_SPEC.max : Number.MAX_SAFE_INTEGER;
/** Enough messages to fix a file; a thoroughly broken one would flood the page otherwise. */
const MAX_ERRORS = 5;

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

export interface ModelFile {
	source: ModelSource;
	config: RunConfig;
	/** Completed epochs when exported. */
	epochsDone: number;
	/** One entry per finished epoch, oldest first (may be empty). */
	epochs: EpochMetrics[];
	/** The training loss curve: [batch step, loss] pairs (may be empty). */
	losses: [number, number][];
	/** Every parameter, in the model's order (weights, bias or W1, b1, W2, b2). */
	weights: TensorSnapshot[];
}

export type ModelFileResult =
	{ ok: true; file: ModelFile; notices: string[] } | { ok: false; errors: string[] };

const EPOCH_FIELDS = [
	'epoch',
	'trainLoss',
	'validLoss',
	'validAccuracy',
	'exactAccuracy',
	'seedAccuracy',
	'seconds'
] as const satisfies readonly (keyof EpochMetrics)[];

/** The parameters a recipe's model has, by name and shape (as src/lib/engine/models builds them). */
export function expectedTensors(config: Pick<RunConfig, 'model' | 'hidden'>): {
	name: string;
	shape: number[];
}[] {
	if (config.model === 'linear') {
		return [
			{ name: 'weights', shape: [PIXELS, CLASSES] },
			{ name: 'bias', shape: [CLASSES] }
		];
	}
	const h = config.hidden;
	return [
		{ name: 'W1', shape: [PIXELS, h] },
		{ name: 'b1', shape: [h] },
		{ name: 'W2', shape: [h, CLASSES] },
		{ name: 'b2', shape: [CLASSES] }
	];
}

/** The shortest decimal that reads back as the same float32 (at most 9 significant digits). */
function float32Number(value: number): number {
	return Number(Math.fround(value).toPrecision(9));
}

/** Metrics and losses do not need float32 precision: 6 digits keep the file small. */
function short(value: number): number {
	return Number(value.toPrecision(6));
}

export function serialiseModelFile(file: ModelFile): string {
	const json = {
		format: MODEL_FILE_FORMAT,
		version: MODEL_FILE_VERSION,
		source: file.source,
		recipe: file.config,
		epochsDone: file.epochsDone,
		epochs: file.epochs.map((e) =>
			Object.fromEntries(EPOCH_FIELDS.map((k) => [k, k === 'epoch' ? e[k] : short(e[k])]))
		),
		losses: file.losses.map(([step, loss]) => [step, short(loss)]),
		weights: file.weights.map((t) => ({
			name: t.name,
			shape: t.shape,
			values: Array.from(t.values, float32Number)
		}))
	};
	return JSON.stringify(json);
}

/** The size check a page does before reading a file (reading 2 GB would freeze the tab). */
export function checkModelFileSize(bytes: number): string | null {
	if (bytes > MAX_MODEL_FILE_BYTES) {
		return `This file is ${megabytes(bytes)}; a Digit Lab model file is at most ${megabytes(MAX_MODEL_FILE_BYTES)}, so it was not read.`;
	}
	if (bytes === 0) return 'This file is empty.';
	return null;
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a picked or dropped file: size first, then the text. Never throws. */
export async function readModelFile(file: {
	size: number;
	text(): Promise<string>;
}): Promise<ModelFileResult> {
	const tooBig = checkModelFileSize(file.size);
	if (tooBig) return { ok: false, errors: [tooBig] };
	let text: string;
	try {
		text = await file.text();
	} catch (error) {
		return { ok: false, errors: [`The file could not be read (${String(error).slice(0, 80)}).`] };
	}
	return parseModelFile(text);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a model file's text. Never throws; refuses the whole file on any weight problem. */
export function parseModelFile(text: string): ModelFileResult {
	const tooBig = checkModelFileSize(text.length);
	if (tooBig) return { ok: false, errors: [tooBig] };
	let root: unknown;
	try {
		root = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message.slice(0, 100) : 'syntax error';
		return { ok: false, errors: [`This file is not JSON (${reason}), so it is not a model file.`] };
	}
	if (!isObject(root)) return { ok: false, errors: ['This file is JSON but not a model file.'] };
	if (root.format !== MODEL_FILE_FORMAT) {
		if ('modelTopology' in root || 'weightsManifest' in root) {
			return {
				ok: false,
				errors: [
					'This is a TensorFlow.js model.json (a LayersModel), which this page does not import: import the JSON file from "Export JSON" instead.'
				]
			};
		}
		return {
			ok: false,
			errors: [`This is not a Digit Lab model file: it has no "format": "${MODEL_FILE_FORMAT}".`]
		};
	}
	if (root.version !== MODEL_FILE_VERSION) {
		return {
			ok: false,
			errors: [
				`This model file has version ${quote(String(root.version))}; this page reads version ${MODEL_FILE_VERSION}.`
			]
		};
	}

	const notices: string[] = [];
	const config = parseRecipe(root.recipe, notices);
	const errors: string[] = [];
	const weights = parseWeights(root.weights, config, errors);
	// A corrected recipe often explains a shape error (no hidden units given, so 30 expected).
	if (errors.length > 0) return { ok: false, errors: [...errors, ...notices].slice(0, MAX_ERRORS) };

	const epochs = parseEpochs(root.epochs, notices);
	const losses = parseLosses(root.losses, notices);
	let epochsDone = epochs.length;
	if (typeof root.epochsDone === 'number' && Number.isInteger(root.epochsDone)) {
		epochsDone = Math.min(Math.max(root.epochsDone, 0), MAX_EPOCHS);
	} else if (root.epochsDone !== undefined) {
		notices.push(`Ignored epochsDone ${quote(String(root.epochsDone))}: not a whole number.`);
	}
	return {
		ok: true,
		file: { source: parseSource(root.source), config, epochsDone, epochs, losses, weights },
		notices
	};
}

/** Every recipe field through the same schema as URLs: a broken one falls back, with a notice. */
function parseRecipe(raw: unknown, notices: string[]): RunConfig {
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

function parseWeights(raw: unknown, config: RunConfig, errors: string[]): TensorSnapshot[] {
	const expected = expectedTensors(config);
	const what =
		config.model === 'linear' ? 'the linear learner' : `the net with ${config.hidden} hidden units`;
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
	want: { name: string; shape: number[] },
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
	const size = want.shape.reduce((a, b) => a * b, 1);
	const values = raw.values;
	if (!Array.isArray(values)) {
		errors.push(`${want.name} has no values (a list of ${size.toLocaleString('en-US')} numbers).`);
		return null;
	}
	if (values.length !== size) {
		errors.push(
			`${want.name} should hold ${size.toLocaleString('en-US')} numbers (${want.shape.join(' x ')}), the file has ${values.length.toLocaleString('en-US')}.`
		);
		return null;
	}
	const out = new Float32Array(size);
	for (let i = 0; i < size; i++) {
		const v = values[i];
		if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > FLOAT32_MAX) {
			const shown = typeof v === 'string' ? quote(v) : String(JSON.stringify(v)).slice(0, 40);
			errors.push(
				`${want.name} value ${(i + 1).toLocaleString('en-US')} is ${shown}, not a finite number.`
			);
			return null;
		}
		out[i] = v;
	}
	return { name: want.name, shape: want.shape.slice(), values: out };
}

/** The metrics history is nice to have: a broken one is dropped with a notice, not fatal. */
function parseEpochs(raw: unknown, notices: string[]): EpochMetrics[] {
	if (raw === undefined) return [];
	if (!Array.isArray(raw)) {
		notices.push('Ignored the metrics history: it is not a list.');
		return [];
	}
	const out: EpochMetrics[] = [];
	for (const [i, entry] of raw.entries()) {
		const bad = !isObject(entry)
			? 'it is not a record'
			: EPOCH_FIELDS.find((k) => typeof entry[k] !== 'number' || !Number.isFinite(entry[k]));
		if (bad || !isObject(entry)) {
			notices.push(
				`Ignored the metrics history: entry ${i + 1} ${bad === 'it is not a record' ? bad : `has no finite ${bad}`}.`
			);
			return [];
		}
		if (entry.epoch !== i + 1) {
			notices.push(`Ignored the metrics history: entry ${i + 1} is numbered ${entry.epoch}.`);
			return [];
		}
		out.push(Object.fromEntries(EPOCH_FIELDS.map((k) => [k, entry[k]])) as unknown as EpochMetrics);
	}
	return out;
}

function parseLosses(raw: unknown, notices: string[]): [number, number][] {
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

/** Text fields only, cut short: they are shown to the learner and never interpreted. */
function parseSource(raw: unknown): ModelSource {
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

/** A file name for the export: digit-lab-net-h30-3-epochs.json. */
export function modelFileName(config: RunConfig, epochsDone: number): string {
	const model = config.model === 'linear' ? 'linear' : `net-h${config.hidden}`;
	return `digit-lab-${model}-${epochsDone}-epoch${epochsDone === 1 ? '' : 's'}.json`;
}
