/**
 * The only contract between the page and the engine worker. Requests carry an id and get exactly
 * one reply with the same id; events flow from the worker whenever something happens. Weight,
 * gradient and activation snapshots are pulled by the page (one request after painting the last
 * one), never pushed at training speed.
 */
import type { DataProgress } from '../data/mnist';
import type { BackendName, BackendPreference, RunConfig } from './config';

export interface BackendInfo {
	name: BackendName;
	/** What the learner reads: "WebGL 2: ANGLE (Google, Vulkan ...)" or "WASM (SIMD)". */
	label: string;
	/** Why this one: "forced by ?backend=cpu", "WebGL is software-only here (SwiftShader)". */
	reason: string;
}

export interface EpochMetrics {
	/** 1-based number of the epoch just finished. */
	epoch: number;
	/** Mean of this epoch's batch losses. */
	trainLoss: number;
	/** Mean cross-entropy over all test digits. */
	validLoss: number;
	/** Accuracy by the run's chosen formula (exact or seed). */
	validAccuracy: number;
	/** argmax == label over all test digits, whatever the formula. */
	exactAccuracy: number;
	/** The seed's broadcast formula, whatever the chosen one. */
	seedAccuracy: number;
	/** Seconds of training and validation in this epoch (pauses excluded). */
	seconds: number;
}

export interface RunPosition {
	epochsDone: number;
	batchInEpoch: number;
	batchesPerEpoch: number;
	/** Batches trained since initialisation. */
	stepsDone: number;
	trainCount: number;
}

export interface TensorSnapshot {
	name: string;
	shape: number[];
	values: Float32Array;
}

export interface Prediction {
	logits: Float32Array;
	probabilities: Float32Array;
	/** The net's 30 (H) hidden activations after ReLU; absent for the linear learner. */
	hidden?: Float32Array;
}

export interface DigitActivations extends Prediction {
	/** Index in the test file. */
	index: number;
	label: number;
	pixels: Float32Array;
}

export interface SnapshotRequest {
	weights?: boolean;
	/** dL/dp of the last trained batch (absent before the first batch). */
	gradients?: boolean;
	/** A test digit (index in the test file) to run forward. */
	digit?: number;
}

export interface Snapshot {
	position: RunPosition;
	weights?: TensorSnapshot[];
	gradients?: TensorSnapshot[];
	digit?: DigitActivations;
}

export type RunStatus = 'idle' | 'training' | 'paused';

/** Request name -> [payload, reply]. */
export interface Requests {
	init: [{ backend: BackendPreference; dataUrl: string }, BackendInfo];
	loadData: [{ dataUrl: string }, { trainCount: number; testCount: number }];
	configure: [{ config: RunConfig }, RunPosition];
	train: [{ epochs: number }, RunPosition];
	step: [Record<string, never>, RunPosition];
	pause: [Record<string, never>, RunPosition];
	resume: [Record<string, never>, RunPosition];
	reset: [Record<string, never>, RunPosition];
	predict: [{ pixels: Float32Array }, Prediction];
	snapshot: [SnapshotRequest, Snapshot];
	memory: [Record<string, never>, { numTensors: number; numBytes: number }];
}

export type RequestType = keyof Requests;
export type RequestPayload<T extends RequestType> = Requests[T][0];
export type ReplyOf<T extends RequestType> = Requests[T][1];

export type Request = {
	[T in RequestType]: { id: number; type: T } & RequestPayload<T>;
}[RequestType];

export type EngineEvent =
	| { type: 'reply'; id: number; ok: true; result: unknown }
	| { type: 'reply'; id: number; ok: false; error: string }
	| { type: 'backend'; info: BackendInfo }
	| { type: 'dataProgress'; progress: DataProgress }
	| { type: 'losses'; firstStep: number; values: Float32Array; position: RunPosition }
	| { type: 'epoch'; metrics: EpochMetrics; position: RunPosition }
	| { type: 'status'; status: RunStatus; position: RunPosition }
	/** Something the learner must read: bad data, a failed backend, NaN loss. */
	| { type: 'error'; message: string };

export function assertNever(value: never): never {
	throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}
