/**
 * Saved runs, one entry point: `openRunStore()` gives the page a RunStore over IndexedDB, or over
 * memory where IndexedDB cannot be opened (the run is then simply not kept across reloads).
 */
import { idbTables, openDatabase } from './idb';
import { createRunStore, memoryTables, type RunStore } from './store';

export type { RunStore, StorageReport } from './store';
export type { RunInput, RunSummary, SavedRun } from './record';

export async function openRunStore(): Promise<RunStore> {
	const estimate =
		typeof navigator !== 'undefined' && navigator.storage?.estimate
			? () => navigator.storage.estimate()
			: undefined;
	try {
		return createRunStore(idbTables(await openDatabase()), { estimate });
	} catch {
		return createRunStore(memoryTables(), { estimate });
	}
}
