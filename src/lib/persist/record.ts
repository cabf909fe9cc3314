/**
 * A saved run as it lies in IndexedDB, and the pure steps around it: building the record from
 * what the page knows, checking one read back, counting its bytes. IndexedDB stores typed
 * arrays as they are (structured clone), so weights stay Float32Arrays; the loss curve is two
 * typed arrays instead of thousands of small objects. No DOM, no Svelte: tested in node.
 */
import type { RunConfig } from '../engine/config';
import { entryBytes } from '../engine/history';
import type { EpochMetrics, HistoryEntry, RunPosition, TensorSnapshot } from '../engine/protocol';
import { weightsChecksum } from '../share/checksum';

/** Bumped when the shape changes; records of another version are ignored, never misread. */
export const RUN_RECORD_VERSION = 2;
/** The weight history a record keeps at most (thinned evenly to fit): about 60 linear moments. */
export const HISTORY_SAVE_BUDGET = 4 * 1024 * 1024;

/** What the page hands over to be saved. */
export interface RunInput {
	id: string;
	/** Whose run: 'playground', 'lesson', 'draw' (pruning keeps the last few of each). */
	page: string;
	config: RunConfig;
	position: RunPosition;
	epochs: EpochMetrics[];
	/** The whole loss curve: batch numbers and their losses, oldest first. */
	lossSteps: ArrayLike<number>;
	lossValues: ArrayLike<number>;
	/** The weights at `position`. */
	weights: TensorSnapshot[];
	history: HistoryEntry[];
	/** The lesson's place and answers: any JSON value, kept as the lesson gave it. */
	lesson?: unknown;
}

export interface SavedRun {
	version: typeof RUN_RECORD_VERSION;
	id: string;
	page: string;
	/** Milliseconds since 1970 (Date.now()) when it was saved. */
	savedAt: number;
	config: RunConfig;
	position: RunPosition;
	epochs: EpochMetrics[];
	lossSteps: Float64Array;
	lossValues: Float32Array;
	weights: TensorSnapshot[];
	/** weightsChecksum of `weights`: a restored run can prove it holds the very same numbers. */
	checksum: string;
	history: HistoryEntry[];
	lesson: unknown;
}

/** The small part of a record that lists and pruning read (kept apart from the big arrays). */
export interface RunSummary {
	id: string;
	page: string;
	savedAt: number;
	epochsDone: number;
	stepsDone: number;
	/** Exact test accuracy after the last finished epoch, when there was one. */
	accuracy: number | null;
	/** Bytes the record holds (typed arrays exactly, the rest as JSON text). */
	bytes: number;
}

/**
 * Keeps the first and newest moments and evenly spaced ones between, as many as fit `budget`
 * bytes (every entry of a run has the same size).
 */
export function thinHistory(entries: HistoryEntry[], budget = HISTORY_SAVE_BUDGET): HistoryEntry[] {
	if (entries.length <= 2) return entries;
	// The first entry has no gradient yet: size by the newest, which has one.
	const each = Math.max(1, entryBytes(entries[entries.length - 1]));
	const fit = Math.max(2, Math.floor(budget / each));
	if (entries.length <= fit) return entries;
	const picked = new Set<number>();
	for (let k = 0; k < fit; k++) picked.add(Math.round((k * (entries.length - 1)) / (fit - 1)));
	return [...picked].sort((a, b) => a - b).map((i) => entries[i]);
}

/** A JSON value as plain data (no proxies, no functions), or null when it is not JSON-able. */
export function plainJson(value: unknown): unknown {
	if (value === undefined) return null;
	try {
		return JSON.parse(JSON.stringify(value));
	} catch {
		return null;
	}
}

/**
 * The record to store. Typed arrays are taken as they are, not copied: the page never changes
 * an array it received (it replaces them), and IndexedDB stores a copy (structured clone).
 */
export function toRecord(input: RunInput, savedAt: number): SavedRun {
	return {
		version: RUN_RECORD_VERSION,
		id: input.id,
		page: input.page,
		savedAt,
		config: { ...input.config },
		position: { ...input.position },
		epochs: input.epochs.map((m) => ({ ...m })),
		lossSteps: asTyped(Float64Array, input.lossSteps),
		lossValues: asTyped(Float32Array, input.lossValues),
		weights: input.weights.map(plainTensor),
		checksum: weightsChecksum(input.weights),
		history: thinHistory(input.history).map((e) => ({
			step: e.step,
			epoch: e.epoch,
			weights: e.weights.map(plainTensor),
			gradient: e.gradient ? plainTensor(e.gradient) : null
		})),
		lesson: plainJson(input.lesson)
	};
}

function asTyped<T extends Float64Array | Float32Array>(
	Kind: { new (length: number): T; from(values: ArrayLike<number>): T },
	values: ArrayLike<number>
): T {
	return values instanceof Kind ? values : Kind.from(values);
}

function plainTensor(t: TensorSnapshot): TensorSnapshot {
	return { name: t.name, shape: [...t.shape], values: t.values };
}

export function recordBytes(record: SavedRun): number {
	const tensors = (list: TensorSnapshot[]) => list.reduce((s, t) => s + t.values.byteLength, 0);
	let bytes = record.lossSteps.byteLength + record.lossValues.byteLength + tensors(record.weights);
	for (const entry of record.history) bytes += entryBytes(entry);
	const rest = { ...record, lossSteps: 0, lossValues: 0, weights: 0, history: 0 };
	return bytes + JSON.stringify(rest).length + record.history.length * 64;
}

export function summarise(record: SavedRun): RunSummary {
	return {
		id: record.id,
		page: record.page,
		savedAt: record.savedAt,
		epochsDone: record.position.epochsDone,
		stepsDone: record.position.stepsDone,
		accuracy: record.epochs.at(-1)?.exactAccuracy ?? null,
		bytes: recordBytes(record)
	};
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isTensor = (v: unknown): v is TensorSnapshot =>
	isObject(v) &&
	typeof v.name === 'string' &&
	Array.isArray(v.shape) &&
	v.values instanceof Float32Array &&
	v.values.length === (v.shape as number[]).reduce((a, b) => a * b, 1);

/**
 * A record read back, checked enough that restoring it cannot throw halfway: the right version,
 * the fields present with their types, every tensor's values matching its shape. Otherwise null
 * (a record from an older build, or damaged storage): the page starts fresh instead.
 */
export function readRecord(value: unknown): SavedRun | null {
	if (!isObject(value) || value.version !== RUN_RECORD_VERSION) return null;
	const ok =
		typeof value.id === 'string' &&
		typeof value.page === 'string' &&
		typeof value.savedAt === 'number' &&
		isObject(value.config) &&
		isObject(value.position) &&
		typeof value.position.epochsDone === 'number' &&
		Array.isArray(value.epochs) &&
		value.lossSteps instanceof Float64Array &&
		value.lossValues instanceof Float32Array &&
		value.lossSteps.length === value.lossValues.length &&
		Array.isArray(value.weights) &&
		value.weights.every(isTensor) &&
		typeof value.checksum === 'string' &&
		Array.isArray(value.history) &&
		value.history.every(
			(e) => isObject(e) && Array.isArray(e.weights) && e.weights.every(isTensor)
		);
	return ok ? (value as unknown as SavedRun) : null;
}
