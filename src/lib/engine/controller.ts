/**
 * Turns protocol requests into work on one Run: loads the data once, trains epoch after epoch
 * while staying responsive (a macrotask break after every batch lets pause, step and snapshot
 * requests in), and reports progress as events. DOM-free: the worker wires it to postMessage,
 * and tests can drive it directly.
 */
import * as tf from '@tensorflow/tfjs';
import { DataError } from '../data/idx';
import { httpSource, loadMnist, type MnistData } from '../data/mnist';
import { pickDigits, summarise } from '../data/summary';
import type { BackendPreference, RunConfig } from './config';
import type {
	BackendInfo,
	EngineEvent,
	Request,
	RequestPayload,
	ReplyOf,
	RunPosition,
	RunStatus
} from './protocol';
import { assertNever } from './protocol';
import { classify, confusion } from './inspect';
import { exportLayersModel, verifyLayersModel } from './layersExport';
import { Run, type StepOptions } from './run';

type Post = (event: EngineEvent, transfer?: Transferable[]) => void;

/** A zero-delay macrotask (setTimeout would be clamped to 4 ms, 235 times an epoch). */
function macrotask(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

export class Controller {
	private data: Promise<MnistData> | null = null;
	private run: Run | null = null;
	private config: RunConfig | null = null;
	private status: RunStatus = 'idle';
	private job: Promise<RunPosition> | null = null;
	private pauseRequested = false;
	private abortRequested = false;
	private wake: (() => void) | null = null;

	constructor(
		private readonly post: Post,
		private readonly selectBackend: (p: BackendPreference) => Promise<BackendInfo>
	) {}

	async handle(message: Request): Promise<void> {
		try {
			const result = await this.dispatch(message);
			this.post({ type: 'reply', id: message.id, ok: true, result }, transferables(result));
		} catch (error) {
			const text = describe(error);
			this.post({ type: 'reply', id: message.id, ok: false, error: text });
		}
	}

	private async dispatch(message: Request): Promise<unknown> {
		switch (message.type) {
			case 'init':
				return this.init(message);
			case 'loadData':
				return this.loadData(message.dataUrl);
			case 'configure':
				return this.configure(message.config);
			case 'train':
				return this.train(message.epochs);
			case 'step':
				return this.step(message);
			case 'pause':
				return this.pause();
			case 'resume':
				return this.resume();
			case 'reset':
				return this.reset();
			case 'loadWeights':
				return this.loadWeights(message);
			case 'predict':
				return (await this.ready()).predict(message.pixels);
			case 'snapshot':
				return (await this.ready()).snapshot(message);
			case 'dataSummary':
				return summarise(await this.loadedData());
			case 'digits': {
				const data = await this.loadedData();
				return message.set === 'train'
					? pickDigits(data.trainImages, data.trainLabels, message.indices)
					: pickDigits(data.testImages, data.testLabels, message.indices);
			}
			case 'evaluate':
				return (await this.idleRun()).evaluateNext();
			case 'gradient':
				return (await this.idleRun()).gradientNext();
			case 'confusion': {
				const { model, dataset } = (await this.idleRun()).inspection;
				return confusion(model, dataset);
			}
			case 'classify': {
				const { model } = (await this.idleRun()).inspection;
				const data = await this.loadedData();
				return message.set === 'train'
					? classify(model, data.trainImages, data.trainLabels, message.indices)
					: classify(model, data.testImages, data.testLabels, message.indices);
			}
			case 'history':
				// Safe while training: between batches the history holds plain arrays, and the
				// reply carries copies of them.
				return (await this.ready()).historySince(message.since);
			case 'memory':
				return { numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes };
			case 'exportLayersModel': {
				const run = await this.idleRun();
				return exportLayersModel(run.inspection.model, run.config, message.weightsName);
			}
			case 'verifyLayersModel': {
				const { model } = (await this.idleRun()).inspection;
				const { testImages } = await this.loadedData();
				return verifyLayersModel(message, model, testImages, message.count);
			}
			default:
				return assertNever(message);
		}
	}

	private async init({ backend }: RequestPayload<'init'>): Promise<ReplyOf<'init'>> {
		const info = await this.selectBackend(backend);
		this.post({ type: 'backend', info });
		return info;
	}

	private loadData(dataUrl: string): Promise<ReplyOf<'loadData'>> {
		if (!this.data) {
			this.data = loadMnist(httpSource(dataUrl), (progress) =>
				this.post({ type: 'dataProgress', progress })
			);
			// A failed load is reported once, as an event the page shows, and may be retried.
			this.data.catch((error) => {
				this.data = null;
				this.post({ type: 'error', message: describe(error) });
			});
		}
		return this.data.then((d) => ({
			trainCount: d.trainLabels.length,
			testCount: d.testLabels.length
		}));
	}

	private loadedData(): Promise<MnistData> {
		if (!this.data) throw new Error('the data is not loaded yet');
		return this.data;
	}

	/** The run, when nothing is training it (a paused run is parked, so it counts as idle). */
	private async idleRun(): Promise<Run> {
		const run = await this.ready();
		if (this.status === 'training') throw new Error('pause the training first');
		return run;
	}

	private async ready(): Promise<Run> {
		if (this.run) return this.run;
		if (!this.config) throw new Error('no run is configured yet');
		if (!this.data) throw new Error('the data is not loaded yet');
		const data = await this.data;
		this.run ??= new Run(data, this.config, (batch) =>
			this.post({
				type: 'losses',
				firstStep: batch.firstStep,
				values: batch.values,
				gradNorms: batch.gradNorms,
				paramNames: batch.paramNames,
				position: this.run!.position
			})
		);
		return this.run;
	}

	private async configure(config: RunConfig): Promise<RunPosition> {
		await this.stop();
		this.config = config;
		if (this.run) this.run.reset(config);
		return this.setStatus('idle', await this.ready());
	}

	private async loadWeights({
		config,
		weights,
		epochsDone
	}: RequestPayload<'loadWeights'>): Promise<RunPosition> {
		await this.configure(config);
		const run = await this.ready();
		run.loadWeights(weights, epochsDone);
		return this.setStatus('idle', run);
	}

	private async reset(): Promise<RunPosition> {
		await this.stop();
		const run = await this.ready();
		run.reset();
		return this.setStatus('idle', run);
	}

	/** Ends a running training job at its next batch boundary and waits for it. */
	private async stop(): Promise<void> {
		if (!this.job) return;
		this.abortRequested = true;
		this.wake?.();
		await this.job.catch(() => undefined);
	}

	private async train(epochs: number): Promise<RunPosition> {
		const run = await this.ready();
		if (this.job) throw new Error('this run is already training');
		this.job = this.trainLoop(run, run.position.epochsDone + epochs);
		try {
			return await this.job;
		} finally {
			this.job = null;
		}
	}

	private async trainLoop(run: Run, targetEpochs: number): Promise<RunPosition> {
		this.abortRequested = false;
		this.pauseRequested = false;
		this.setStatus('training', run);
		try {
			while (run.position.epochsDone < targetEpochs && !this.abortRequested) {
				if (this.pauseRequested) {
					await run.flushLosses();
					this.setStatus('paused', run);
					await new Promise<void>((resolve) => (this.wake = resolve));
					this.wake = null;
					if (this.abortRequested) break;
					this.setStatus('training', run);
				}
				await this.oneBatch(run);
				await macrotask();
			}
			await run.flushLosses();
		} catch (error) {
			this.post({ type: 'error', message: describe(error) });
		}
		return this.setStatus('idle', run);
	}

	private async oneBatch(run: Run, options: StepOptions = {}): Promise<void> {
		const metrics = await run.trainBatch(options);
		if (metrics) this.post({ type: 'epoch', metrics, position: run.position });
	}

	private pause(): RunPosition | Promise<RunPosition> {
		if (this.status === 'training') this.pauseRequested = true;
		return this.run?.position ?? this.ready().then((r) => r.position);
	}

	private async resume(): Promise<RunPosition> {
		const run = await this.ready();
		this.pauseRequested = false;
		this.wake?.();
		return run.position;
	}

	/** One batch, from idle or while paused (the paused loop is parked, so the run is free). */
	private async step({ lr, report }: RequestPayload<'step'>): Promise<ReplyOf<'step'>> {
		const run = await this.idleRun();
		run.lastStepLosses = null;
		try {
			await this.oneBatch(run, { lr, report });
			await run.flushLosses();
		} catch (error) {
			this.post({ type: 'error', message: describe(error) });
		}
		// Re-read: trainBatch set it after the reset above (TypeScript cannot see that).
		const losses = run.lastStepLosses as Run['lastStepLosses'];
		return {
			position: this.setStatus(this.status, run),
			lossBefore: losses?.lossBefore ?? null,
			lossAfter: losses?.lossAfter ?? null,
			lr: lr ?? run.config.lr
		};
	}

	private setStatus(status: RunStatus, run: Run): RunPosition {
		this.status = status;
		const position = run.position;
		this.post({ type: 'status', status, position });
		return position;
	}
}

function describe(error: unknown): string {
	if (error instanceof DataError) return `Could not load MNIST: ${error.message}`;
	return error instanceof Error ? error.message : String(error);
}

/** Every typed array in a reply is a private copy, so its buffer can move instead of being copied. */
function transferables(value: unknown, found: Transferable[] = []): Transferable[] {
	if (ArrayBuffer.isView(value)) {
		if (!found.includes(value.buffer as ArrayBuffer)) found.push(value.buffer as ArrayBuffer);
	} else if (Array.isArray(value)) {
		for (const item of value) transferables(item, found);
	} else if (value && typeof value === 'object') {
		for (const item of Object.values(value)) transferables(item, found);
	}
	return found;
}
