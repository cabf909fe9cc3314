/**
 * The one interface the page uses to keep runs: save (then prune), load, latest per page, list,
 * remove, and how much storage it all takes. Behind it, two tables: the records (big: weights,
 * curves, history) and their summaries (small: what lists and pruning read). IndexedDB in the
 * browser (idb.ts), a Map in node tests and where IndexedDB is missing (private modes of some
 * browsers): the page then simply keeps nothing across reloads.
 */
import { runsToPrune, totalBytes } from './prune';
import {
	readRecord,
	summarise,
	toRecord,
	type RunInput,
	type RunSummary,
	type SavedRun
} from './record';

export interface StorageReport {
	/** Saved runs and the bytes they hold. */
	runs: number;
	bytes: number;
	/** The whole site's use and allowance as the browser reports them (cached files included). */
	originUsage: number | null;
	originQuota: number | null;
}

export interface RunStore {
	/** Saves (replacing the run's previous save), prunes old runs, and returns the summary. */
	save(input: RunInput): Promise<RunSummary>;
	load(id: string): Promise<SavedRun | null>;
	/** The newest saved run of a page, if any. */
	latest(page: string): Promise<SavedRun | null>;
	list(): Promise<RunSummary[]>;
	remove(id: string): Promise<void>;
	/** Forgets every saved run (the learner's Clear). */
	clear(): Promise<void>;
	usage(): Promise<StorageReport>;
}

/** Where records and summaries live. */
export interface RunTables {
	summaries(): Promise<RunSummary[]>;
	record(id: string): Promise<unknown>;
	put(record: SavedRun, summary: RunSummary): Promise<void>;
	remove(ids: string[]): Promise<void>;
}

export interface StoreOptions {
	now?: () => number;
	estimate?: () => Promise<{ usage?: number; quota?: number }>;
	keepPerPage?: number;
	budgetBytes?: number;
}

export function createRunStore(tables: RunTables, options: StoreOptions = {}): RunStore {
	const now = options.now ?? Date.now;
	const load = async (id: string) => readRecord(await tables.record(id));
	return {
		async save(input) {
			const record = toRecord(input, now());
			const summary = summarise(record);
			await tables.put(record, summary);
			const stale = runsToPrune(await tables.summaries(), options.keepPerPage, options.budgetBytes);
			if (stale.length > 0) await tables.remove(stale);
			return summary;
		},
		load,
		async latest(page) {
			const mine = (await tables.summaries()).filter((s) => s.page === page);
			mine.sort((a, b) => b.savedAt - a.savedAt);
			return mine.length > 0 ? load(mine[0].id) : null;
		},
		list: () => tables.summaries(),
		remove: (id) => tables.remove([id]),
		clear: async () => tables.remove((await tables.summaries()).map((s) => s.id)),
		async usage() {
			const runs = await tables.summaries();
			const origin = await options.estimate?.().catch(() => undefined);
			return {
				runs: runs.length,
				bytes: totalBytes(runs),
				originUsage: origin?.usage ?? null,
				originQuota: origin?.quota ?? null
			};
		}
	};
}

/** Tables in memory: for tests, and the fallback where IndexedDB cannot be opened. */
export function memoryTables(): RunTables {
	const records = new Map<string, SavedRun>();
	const summaries = new Map<string, RunSummary>();
	return {
		summaries: async () => [...summaries.values()],
		record: async (id) => records.get(id) ?? null,
		async put(record, summary) {
			records.set(record.id, record);
			summaries.set(summary.id, summary);
		},
		async remove(ids) {
			for (const id of ids) {
				records.delete(id);
				summaries.delete(id);
			}
		}
	};
}
