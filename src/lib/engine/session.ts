/**
 * The worker's one training session: the data (loaded once), the current Run, its status and the
 * training job. Training goes epoch after epoch while staying responsive: a macrotask break after
 * every batch lets pause, step and snapshot requests in. Progress goes out as events through
 * `post`; replies are the handlers' business (handlers.ts). DOM-free.
 */
import { httpSource, loadMnist, type MnistData } from '../data/mnist';
import type { RunConfig } from './config';
import type {
	EngineEvent,
	RunPosition,
	RunRestore,
	RunStatus,
	StepReport,
	TensorSnapshot
} from './protocol';
import { describeError } from './errors';
import { NEEDS_IDLE } from './protocol';
import { Run, type StepOptions } from './run';

export type Post = (event: EngineEvent, transfer?: Transferable[]) => void;

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

export class Session {
	private data: Promise<MnistData> | null = null;
	private run: Run | null = null;
	private config: RunConfig | null = null;
	private status: RunStatus = 'idle';
	private job: Promise<RunPosition> | null = null;
	private pauseRequested = false;
	private abortRequested = false;
	private wake: (() => void) | null = null;

	constructor(private readonly post: Post) {}

	/** Sends an event the page should know about (the chosen backend). */
	announce(event: EngineEvent): void {
		this.post(event);
	}

	/** Starts loading MNIST once; a failed load is reported as an event and may be retried. */
	loadData(dataUrl: string): Promise<{ trainCount: number; testCount: number }> {
		if (!this.data) {
			this.data = loadMnist(httpSource(dataUrl), (progress) =>
				this.post({ type: 'dataProgress', progress })
			);
			this.data.catch((error) => {
				this.data = null;
				this.post({ type: 'error', message: describeError(error) });
			});
		}
		return this.data.then((d) => ({
			trainCount: d.trainLabels.length,
			testCount: d.testLabels.length
		}));
	}

	loadedData(): Promise<MnistData> {
		if (!this.data) throw new Error('the data is not loaded yet');
		return this.data;
	}

	/** The run, when nothing is training it (a paused run is parked, so it counts as idle). */
	async idleRun(): Promise<Run> {
		const run = await this.ready();
		if (this.status === 'training') throw new Error(NEEDS_IDLE);
		return run;
	}

	/** The run, whatever it is doing (for reads that are safe between batches). */
	async ready(): Promise<Run> {
		if (this.run) return this.run;
		if (!this.config) throw new Error('no run is configured yet');
		if (!this.data) throw new Error('the data is not loaded yet');
		const data = await this.data;
		if (this.run) return this.run;
		const run = new Run(data, this.config, (batch) =>
			this.post({
				type: 'losses',
				firstStep: batch.firstStep,
				values: batch.values,
				gradNorms: batch.gradNorms,
				paramNames: batch.paramNames,
				position: run.position
			})
		);
		this.run = run;
		// The page hears that the run is ready first; the batches' ink is built in the next task.
		// A failure there is left to the first training batch, which reports it as a run's error.
		setTimeout(() => {
			try {
				if (this.run === run) run.warmBatches();
			} catch {
				// reported by the first batch that needs it
			}
		}, 0);
		return run;
	}

	async configure(config: RunConfig): Promise<RunPosition> {
		await this.stop();
		this.config = config;
		if (this.run) this.run.reset(config);
		return this.setStatus('idle', await this.ready());
	}

	async loadWeights(
		config: RunConfig,
		weights: TensorSnapshot[],
		epochsDone: number
	): Promise<RunPosition> {
		await this.configure(config);
		const run = await this.ready();
		run.loadWeights(weights, epochsDone);
		return this.setStatus('idle', run);
	}

	/** A saved run, exactly where it was (see Run.restore); idle, as it was not training. */
	async restore(saved: RunRestore): Promise<RunPosition> {
		await this.configure(saved.config);
		const run = await this.ready();
		run.restore(saved);
		return this.setStatus('idle', run);
	}

	async reset(): Promise<RunPosition> {
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

	async train(epochs: number): Promise<RunPosition> {
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
			this.post({ type: 'error', message: describeError(error) });
		}
		return this.setStatus('idle', run);
	}

	private async oneBatch(run: Run, options: StepOptions = {}): Promise<void> {
		const metrics = await run.trainBatch(options);
		if (metrics) this.post({ type: 'epoch', metrics, position: run.position });
	}

	async pause(): Promise<RunPosition> {
		if (this.status === 'training') this.pauseRequested = true;
		return this.run?.position ?? (await this.ready()).position;
	}

	async resume(): Promise<RunPosition> {
		const run = await this.ready();
		this.pauseRequested = false;
		this.wake?.();
		return run.position;
	}

	/** One batch, from idle or while paused (the paused loop is parked, so the run is free). */
	async step({ lr, report }: StepOptions): Promise<StepReport> {
		const run = await this.idleRun();
		run.lastStepLosses = null;
		try {
			await this.oneBatch(run, { lr, report });
			await run.flushLosses();
		} catch (error) {
			this.post({ type: 'error', message: describeError(error) });
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
