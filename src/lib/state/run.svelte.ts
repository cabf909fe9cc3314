/**
 * What the page knows about the run in the worker (RunCore) and how it starts: one RunState per
 * page, shared through context; it owns the page's only EngineClient (through EngineLink, which
 * also loads the data, keeps the messages and replaces a lost worker). On opening, a page may
 * bring its latest saved run back exactly where it was; after a lost worker, the run comes back
 * from its last save. Either way the keeper notes it for the notice, with Start fresh.
 */
import { getContext, setContext } from 'svelte';
import { base } from '$app/paths';
import type { BackendPreference, RunConfig } from '../engine/config';
import type { ModelScore } from '../engine/protocol';
import type { SavedRun } from '../persist';
import { restoreRequest } from '../persist/resume';
import { pageOfPath } from '../persist/saver';
import { RunCore } from './runCore.svelte';
import { recoveredWords, savedRunWords } from './runWords';

export type { LossPoint } from './batchSeries.svelte';

export class RunState extends RunCore {
	/** After a run was brought back: the page adopts what came with it (recipe, lesson place). */
	onRestored: ((record: SavedRun) => void) | null = null;
	/** What Start fresh does (by default, a fresh run of the current recipe). */
	onFresh: (() => Promise<void>) | null = null;

	/**
	 * Whether opening the page brings back its latest saved run (given that run's recipe); never
	 * unless the page says so. Set before start, or pass it to start.
	 */
	restoreOnOpen: (saved: RunConfig) => boolean = () => false;

	private startConfig: RunConfig | null = null;

	/**
	 * Starts the worker, picks the backend, loads the data and makes a run, or brings back the
	 * page's latest saved run when `restoreOnOpen` accepts its recipe; call from onMount.
	 */
	async start(
		backend: BackendPreference,
		dataUrl: string,
		config: RunConfig,
		restoreOnOpen = this.restoreOnOpen
	): Promise<void> {
		this.startConfig = config;
		this.restoreOnOpen = restoreOnOpen;
		this.saveAs ??= pageOfPath(location.pathname, base);
		if (this.saveAs) this.keeper.open((m) => this.report(m));
		await this.connect(backend, dataUrl);
	}

	protected async whenDataLoaded(): Promise<string> {
		if (this.config) return this.recover();
		const saved = this.saveAs ? await this.keeper.latest(this.saveAs, this.restoreOnOpen) : null;
		// Timed from the page's opening (performance.now() counts from there).
		if (saved && (await this.restoreRun(saved, 0))) return '';
		if (this.startConfig) await this.applyConfig(this.startConfig);
		return '';
	}

	/** In a new worker after the last was lost: the run's last save, or its recipe afresh. */
	private async recover(): Promise<string> {
		const saved = await this.keeper.load(this.runId);
		if (saved && (await this.restoreRun(saved, this.lostAt))) {
			return recoveredWords(
				savedRunWords({ ...saved.position, accuracy: this.keeper.restored?.accuracy ?? null })
			);
		}
		if (this.config) await this.applyConfig(this.config);
		return recoveredWords(null);
	}

	/** Puts a saved run back in the worker and on the page; false (with a message) if it does not fit. */
	private async restoreRun(record: SavedRun, since: number): Promise<boolean> {
		const done = await this.guard(async (client) => {
			this.position = await client.request('restore', restoreRequest(record));
			this.config = record.config;
			this.forgetRun();
			this.runId = record.id;
			this.epochs = record.epochs;
			this.batches.restore(record.lossSteps, record.lossValues);
			await this.refreshWeights();
			await this.refreshHistory(true);
			return true;
		});
		if (!done) return false;
		this.keeper.brought(record, performance.now() - since);
		this.onRestored?.(record);
		this.onModel?.(this);
		return true;
	}

	/** Start fresh (the restore notice): the brought-back run's save goes, and a new run starts. */
	async startFresh(): Promise<void> {
		await this.keeper.forgetRestored();
		if (this.onFresh) await this.onFresh();
		else if (this.config) await this.applyConfig(this.config);
	}

	/** The current weights' loss and accuracy on every test digit, shown at once (a model link). */
	async score(): Promise<ModelScore | null> {
		this.scored = (await this.call('score', {})) ?? null;
		return this.scored;
	}
}

const KEY = Symbol('run-state');

export function provideRunState(state: RunState): RunState {
	return setContext(KEY, state);
}

export function useRunState(): RunState {
	return getContext<RunState>(KEY);
}
