/**
 * The only contract between the page and the engine worker. Requests carry an id and get exactly
 * one reply with the same id; events flow from the worker whenever something happens. Weight,
 * gradient and activation snapshots are pulled by the page (one request after painting the last
 * one), never pushed at training speed.
 */
import type { DataProgress } from '../data/mnist';
import type { BackendName, BackendPreference, RunConfig } from './config';
import type { RunRestore } from './resume';

export type { EpochLosses, RunRestore } from './resume';

/** Whether one of WebGL's fast paths agreed with tfjs's own way on this device, and is used. */
export interface FastPathCheck {
	used: boolean;
	/** Largest difference from the tfjs way over every check case (webgl/agreement.ts). */
	maxError: number;
}

/** WebGL's fast paths (webgl/fastPaths.ts), each checked on the device before use. */
export interface WebglFastPaths {
	/** The step's one-pass programs (stepKernels.ts). */
	stepPrograms: FastPathCheck;
	/** Batches uploaded as packed bytes (webgl/byteUploads.ts). */
	byteUploads: FastPathCheck;
}

export interface BackendInfo {
	name: BackendName;
	/** What the learner reads: "WebGL 2: ANGLE (Google, Vulkan ...)" or "WASM (SIMD)". */
	label: string;
	/** Why this one: "forced by ?backend=cpu", "WebGL is software-only here (SwiftShader)". */
	reason: string;
	/** WebGL only: which fast paths agreed with tfjs on this device, and are used. */
	fastPaths?: WebglFastPaths;
}

export interface EpochMetrics {
	/** 1-based number of the epoch just finished. */
	epoch: number;
	/** Mean of this epoch's batch losses. */
	trainLoss: number;
	/** Mean cross-entropy over all test digits. */
	validLoss: number;
	/** Accuracy by the run's chosen formula (exact or notebook). */
	validAccuracy: number;
	/** argmax == label over all test digits, whatever the formula. */
	exactAccuracy: number;
	/** The notebook's broadcast formula, whatever the chosen one. */
	notebookAccuracy: number;
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

export interface DataSummary {
	trainCounts: number[];
	testCounts: number[];
	/** The first ten digits of each class (indices in the file), for galleries. */
	trainExamples: number[][];
	testExamples: number[][];
}

export interface Digits {
	/** n x 784 raw pixel bytes (0-255), row-major. */
	pixels: Uint8Array;
	labels: Uint8Array;
}

export interface BatchLoss {
	/** The batch this was measured on: the next one training would take. */
	position: RunPosition;
	loss: number;
	size: number;
}

export interface GradientReport extends BatchLoss {
	/** dL/dp for each parameter on that batch; the parameters were not changed. */
	gradients: TensorSnapshot[];
}

export interface StepReport {
	position: RunPosition;
	/** The batch's loss before and after this step's update (when asked for). */
	lossBefore: number | null;
	lossAfter: number | null;
	lr: number;
}

export interface Confusion {
	/** 10 x 10 counts, row = true digit, column = predicted digit. */
	matrix: Int32Array;
	/** The predicted digit of every test digit, in file order. */
	predictions: Uint8Array;
	/** The true digit of every test digit, in file order (to find a cell's members). */
	labels: Uint8Array;
	accuracy: number;
}

export type DigitSet = 'train' | 'test';

/** One remembered moment of a run, for scrubbing back through training (see history.ts). */
export interface HistoryEntry {
	/** Batches trained when the snapshot was taken (0 = the initial weights). */
	step: number;
	/** step / batchesPerEpoch: 1.5 is halfway through the second epoch. */
	epoch: number;
	/** Every parameter, in the model's order. */
	weights: TensorSnapshot[];
	/** dL/dW of the model's first layer (see engine/models) on the last batch before it; null at step 0. */
	gradient: TensorSnapshot | null;
}

export interface HistorySlice {
	/** Every step the engine still keeps: the page drops the entries thinned away. */
	steps: number[];
	/** The kept entries after the requested step, oldest first. */
	entries: HistoryEntry[];
}

/** Loss and accuracy of the current weights over every test digit (a loaded model's score). */
export interface ModelScore {
	validLoss: number;
	/** By the run's chosen formula (exact or notebook). */
	validAccuracy: number;
	exactAccuracy: number;
	notebookAccuracy: number;
}

/** The error of a request that needs the run standing still (the page words it for itself). */
export const NEEDS_IDLE = 'pause the training first';

/** Request name -> [payload, reply]. */
export interface Requests {
	init: [{ backend: BackendPreference; dataUrl: string }, BackendInfo];
	loadData: [{ dataUrl: string }, { trainCount: number; testCount: number }];
	configure: [{ config: RunConfig }, RunPosition];
	train: [{ epochs: number }, RunPosition];
	/** One batch; lr overrides the recipe's for this step; report measures the loss after it. */
	step: [{ lr?: number; report?: boolean }, StepReport];
	pause: [Record<string, never>, RunPosition];
	resume: [Record<string, never>, RunPosition];
	reset: [Record<string, never>, RunPosition];
	/** A fresh run of this recipe holding these weights (a shared or imported model). */
	loadWeights: [{ config: RunConfig; weights: TensorSnapshot[]; epochsDone: number }, RunPosition];
	/** A saved run, exactly where it was (a reload, a reopened tab, a restarted worker). */
	restore: [RunRestore, RunPosition];
	/** A validation pass over the test digits with the current weights. */
	score: [Record<string, never>, ModelScore];
	/** The heartbeat: answered at once between batches, so a silent worker is a lost one. */
	ping: [Record<string, never>, { alive: true }];
	predict: [{ pixels: Float32Array }, Prediction];
	snapshot: [SnapshotRequest, Snapshot];
	memory: [Record<string, never>, { numTensors: number; numBytes: number }];
	dataSummary: [Record<string, never>, DataSummary];
	digits: [{ set: DigitSet; indices: number[] }, Digits];
	/** The next batch's mean loss, without training. */
	evaluate: [Record<string, never>, BatchLoss];
	/** Forward and backward on the next batch, without updating the parameters. */
	gradient: [Record<string, never>, GradientReport];
	confusion: [Record<string, never>, Confusion];
	/** The current model's predicted digit and its probability for these digits (step 12). */
	classify: [
		{ set: DigitSet; indices: number[] },
		{ predicted: Uint8Array; confidence: Float32Array; labels: Uint8Array }
	];
	/** The remembered moments after step `since` (pulled by the page, never pushed). */
	history: [{ since: number }, HistorySlice];
	/** The live model as a tfjs LayersModel; model.json names its weights file `weightsName`. */
	exportLayersModel: [{ weightsName: string }, { modelJson: string; weightsBin: ArrayBuffer }];
	/** Loads such files with tf.loadLayersModel; counts agreeing digits on the first `count` test digits. */
	verifyLayersModel: [
		{ modelJson: string; weightsBin: ArrayBuffer; count: number },
		{ agree: number; count: number }
	];
}

export type RequestType = keyof Requests;

/** Every request the worker understands, at run time (lesson step records are checked against it). */
export const REQUEST_TYPES = Object.keys({
	init: true,
	loadData: true,
	configure: true,
	train: true,
	step: true,
	pause: true,
	resume: true,
	reset: true,
	loadWeights: true,
	restore: true,
	score: true,
	ping: true,
	predict: true,
	snapshot: true,
	memory: true,
	dataSummary: true,
	digits: true,
	evaluate: true,
	gradient: true,
	confusion: true,
	classify: true,
	history: true,
	exportLayersModel: true,
	verifyLayersModel: true
} satisfies Record<RequestType, true>) as RequestType[];
export type RequestPayload<T extends RequestType> = Requests[T][0];
export type ReplyOf<T extends RequestType> = Requests[T][1];

/** A request as it travels to the worker: its id, its type and its payload. */
export type RequestOf<T extends RequestType> = { id: number; type: T } & RequestPayload<T>;

export type Request = { [T in RequestType]: RequestOf<T> }[RequestType];

/**
 * The worker's side of every request, one handler per type: the mapped type makes each handler
 * return its own request's reply, so a wrong reply is a compile error, not a page that breaks.
 */
export type RequestHandlers = {
	[T in RequestType]: (payload: RequestPayload<T>) => Promise<ReplyOf<T>>;
};

/** A request's answer; `request` names the request type, so the page can check the pairing. */
export interface ReplyEvent<T extends RequestType = RequestType> {
	type: 'reply';
	id: number;
	request: T;
	ok: true;
	result: ReplyOf<T>;
}

/** The answer to a request that failed: the message the learner reads. */
export interface FailedReply {
	type: 'reply';
	id: number;
	request: RequestType;
	ok: false;
	error: string;
}

/** Whether a reply answers a request of this type (and so carries that request's result). */
export function isReplyTo<T extends RequestType>(
	type: T,
	reply: ReplyEvent
): reply is ReplyEvent<T> {
	return reply.request === type;
}

export type EngineEvent =
	| ReplyEvent
	| FailedReply
	| { type: 'backend'; info: BackendInfo }
	| { type: 'dataProgress'; progress: DataProgress }
	| {
			type: 'losses';
			firstStep: number;
			values: Float32Array;
			/** Per step, the L2 norm of each parameter's gradient (rows of paramNames.length). */
			gradNorms: Float32Array;
			paramNames: string[];
			position: RunPosition;
	  }
	| { type: 'epoch'; metrics: EpochMetrics; position: RunPosition }
	| { type: 'status'; status: RunStatus; position: RunPosition }
	/** Something the learner must read: bad data, a failed backend, NaN loss. */
	| { type: 'error'; message: string };

export function assertNever(value: never): never {
	throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}
