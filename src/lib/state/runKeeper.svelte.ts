/**
 * A page's saved runs, as the page shows them: the store (IndexedDB), the saver (writes when the
 * page is idle), the run that was brought back on opening (for the one-line notice and its
 * Start fresh) and how much the saved runs take (for "Saved runs: 1.2 MB" and its Clear).
 */
import type { RunConfig } from '../engine/config';
import {
	openRunStore,
	type RunInput,
	type RunStore,
	type RunSummary,
	type SavedRun
} from '../persist';
import { RunSaver } from '../persist/saver';

/** The run brought back, as the notice tells it. */
export interface RestoredRun {
	id: string;
	savedAt: number;
	epochsDone: number;
	batchInEpoch: number;
	stepsDone: number;
	accuracy: number | null;
	checksum: string;
	/** Milliseconds from opening the page (or losing the worker) to the run being back. */
	tookMs: number;
	/** The lesson's place saved with it, if any. */
	lesson: unknown;
}

export class RunKeeper {
	restored = $state.raw<RestoredRun | null>(null);
	/** Saved runs in this browser (newest first) and their bytes; null until first counted. */
	usage = $state.raw<{ runs: number; bytes: number; list: RunSummary[] } | null>(null);
	private store: Promise<RunStore> | null = null;
	private saver: RunSaver | null = null;

	/** Opens the store for a page's runs; without a page (the benchmark) nothing is kept. */
	open(report: (message: string) => void): void {
		this.store ??= openRunStore();
		this.saver ??= new RunSaver(this.store, report);
		void this.count();
	}

	get opened(): boolean {
		return this.store !== null;
	}

	/** The page's newest saved run, if `accept` takes its recipe. */
	async latest(page: string, accept: (saved: RunConfig) => boolean): Promise<SavedRun | null> {
		const saved = await (await this.store)?.latest(page).catch(() => null);
		return saved && accept(saved.config) ? saved : null;
	}

	async load(id: string): Promise<SavedRun | null> {
		return (await (await this.store)?.load(id).catch(() => null)) ?? null;
	}

	/** Saves when the page is idle (see RunSaver), then counts the storage again. */
	save(build: () => RunInput | null): void {
		if (!this.saver) return;
		this.saver.request(build);
		void this.saver.settled().then(() => this.count());
	}

	/** Notes the run brought back (the notice shows it). */
	brought(record: SavedRun, tookMs: number): void {
		const { epochsDone, batchInEpoch, stepsDone } = record.position;
		this.restored = {
			id: record.id,
			savedAt: record.savedAt,
			epochsDone,
			batchInEpoch,
			stepsDone,
			accuracy: record.epochs.at(-1)?.exactAccuracy ?? null,
			checksum: record.checksum,
			tookMs,
			lesson: record.lesson
		};
	}

	/** Start fresh: the restored run's save goes too, so the next visit does not bring it back. */
	async forgetRestored(): Promise<void> {
		const id = this.restored?.id;
		this.restored = null;
		// A save of that run still being written (its last pause) would bring it back after
		// removal; one asked for from now on is dropped.
		if (id) this.saver?.forget(id);
		await this.saver?.settled();
		if (id) await (await this.store)?.remove(id).catch(() => undefined);
		await this.count();
	}

	/** Clear: every saved run of every page goes. */
	async clear(): Promise<void> {
		await this.saver?.settled();
		await (await this.store)?.clear().catch(() => undefined);
		await this.count();
	}

	private async count(): Promise<void> {
		const store = await this.store;
		if (!store) return;
		try {
			const [report, list] = await Promise.all([store.usage(), store.list()]);
			const newest = [...list].sort((a, b) => b.savedAt - a.savedAt);
			this.usage = { runs: report.runs, bytes: report.bytes, list: newest };
		} catch {
			// Storage that cannot be read (a private window's): nothing to show.
		}
	}
}
