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
import type { RunConfig } from '../engine/config';
import { modelLabel } from '../engine/models';
import type { EpochMetrics, TensorSnapshot } from '../engine/protocol';
import {
	EPOCH_FIELDS,
	isObject,
	parseEpochs,
	parseLosses,
	parseRecipe,
	parseSource,
	parseWeights,
	type ModelSource
} from './modelFileParts';
import { MAX_EPOCHS } from './runConfig';
import { quote } from './schema';

export type { ModelSource } from './modelFileParts';

export const MODEL_FILE_FORMAT = 'digit-lab-model';
export const MODEL_FILE_VERSION = 1;
/**
 * Bigger files are refused before they are read. The largest real one (a net of 512 hidden
 * units, 407,050 weights, 200 epochs of metrics and losses) is under 8 MB.
 */
export const MAX_MODEL_FILE_BYTES = 20 * 1024 * 1024;
/** Enough messages to fix a file; a thoroughly broken one would flood the page otherwise. */
const MAX_ERRORS = 5;

export interface ModelFile {
	source: ModelSource;
	config: RunConfig;
	/** Completed epochs when exported. */
	epochsDone: number;
	/** One entry per finished epoch, oldest first (may be empty). */
	epochs: EpochMetrics[];
	/** The training loss curve: [batch step, loss] pairs (may be empty). */
	losses: [number, number][];
	/** Every parameter, in the model's order (see src/lib/engine/models). */
	weights: TensorSnapshot[];
}

export type ModelFileResult =
	{ ok: true; file: ModelFile; notices: string[] } | { ok: false; errors: string[] };

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

/** A file name for the export: digit-lab-net-h30-3-epochs.json. */
export function modelFileName(config: RunConfig, epochsDone: number): string {
	const model = modelLabel(config, 'slug');
	return `digit-lab-${model}-${epochsDone}-epoch${epochsDone === 1 ? '' : 's'}.json`;
}
