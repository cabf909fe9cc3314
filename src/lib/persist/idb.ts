/**
 * RunTables over IndexedDB with the raw API: one database, two object stores keyed by run id
 * ("runs" for the records, "summaries" for their small summaries). No library: the four
 * operations below are all we need, and each is one transaction.
 */
import type { RunTables } from './store';
import type { RunSummary, SavedRun } from './record';

export const DB_NAME = 'digit-lab';
const DB_VERSION = 1;
const RUNS = 'runs';
const SUMMARIES = 'summaries';

function done<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
	});
}

function finished(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
}

export function openDatabase(
	factory: IDBFactory = indexedDB,
	name = DB_NAME
): Promise<IDBDatabase> {
	const request = factory.open(name, DB_VERSION);
	request.onupgradeneeded = () => {
		const db = request.result;
		if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'id' });
		if (!db.objectStoreNames.contains(SUMMARIES)) {
			db.createObjectStore(SUMMARIES, { keyPath: 'id' });
		}
	};
	return done(request);
}

export function idbTables(db: IDBDatabase): RunTables {
	return {
		summaries: () =>
			done(db.transaction(SUMMARIES).objectStore(SUMMARIES).getAll() as IDBRequest<RunSummary[]>),
		record: (id) => done(db.transaction(RUNS).objectStore(RUNS).get(id)),
		async put(record: SavedRun, summary: RunSummary) {
			const tx = db.transaction([RUNS, SUMMARIES], 'readwrite');
			tx.objectStore(RUNS).put(record);
			tx.objectStore(SUMMARIES).put(summary);
			await finished(tx);
		},
		async remove(ids) {
			const tx = db.transaction([RUNS, SUMMARIES], 'readwrite');
			for (const id of ids) {
				tx.objectStore(RUNS).delete(id);
				tx.objectStore(SUMMARIES).delete(id);
			}
			await finished(tx);
		}
	};
}
