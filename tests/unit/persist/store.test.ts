import { describe, expect, it } from 'vitest';
import { newRunId, pageOfPath, RunSaver } from '$lib/persist/saver';
import { createRunStore, memoryTables, type RunStore } from '$lib/persist/store';
import { runInput } from './fixtures';

function clockedStore(options = {}) {
	let now = 0;
	const tables = memoryTables();
	const store = createRunStore(tables, { now: () => ++now, ...options });
	return { store, tables };
}

describe('RunStore over memory tables', () => {
	it('saves, loads back and finds the newest run of a page', async () => {
		const { store } = clockedStore();
		await store.save(runInput({ id: 'a' }));
		await store.save(runInput({ id: 'b' }));
		await store.save(runInput({ id: 'c', page: 'lesson' }));
		expect((await store.load('a'))?.id).toBe('a');
		expect((await store.latest('playground'))?.id).toBe('b');
		expect((await store.latest('lesson'))?.lesson).toEqual({
			step: 'train',
			answers: { q1: 'b' }
		});
		expect(await store.latest('draw')).toBeNull();
		expect(await store.load('nope')).toBeNull();
	});

	it('replaces a run saved again and prunes past the last few per page', async () => {
		const { store } = clockedStore({ keepPerPage: 2 });
		for (const id of ['a', 'b', 'c']) await store.save(runInput({ id }));
		await store.save(runInput({ id: 'c', position: { ...runInput().position, epochsDone: 2 } }));
		const ids = (await store.list()).map((s) => s.id).sort();
		expect(ids).toEqual(['b', 'c']);
		expect((await store.load('c'))?.position.epochsDone).toBe(2);
	});

	it('reports the storage its runs use, and the origin estimate when there is one', async () => {
		const { store } = clockedStore({
			estimate: async () => ({ usage: 12_000_000, quota: 500_000_000 })
		});
		const summary = await store.save(runInput());
		expect(await store.usage()).toEqual({
			runs: 1,
			bytes: summary.bytes,
			originUsage: 12_000_000,
			originQuota: 500_000_000
		});
		await store.remove('run-1');
		expect((await store.usage()).runs).toBe(0);
	});

	it('ignores a damaged record instead of restoring it', async () => {
		const { store, tables } = clockedStore();
		const summary = await store.save(runInput());
		const broken = { ...((await tables.record('run-1')) as object), weights: 'gone' };
		await tables.put(broken as never, summary);
		expect(await store.load('run-1')).toBeNull();
	});
});

describe('RunSaver', () => {
	/** A saver whose page is always idle at once. */
	const saverOver = (store: RunStore, report: (message: string) => void = () => {}) =>
		new RunSaver(Promise.resolve(store), report, () => Promise.resolve());

	it('drops the saves of a forgotten run, even one asked for after forget', async () => {
		const { store } = clockedStore();
		const saver = saverOver(store);
		saver.request(() => runInput({ id: 'old' }));
		saver.forget('old');
		await saver.settled();
		saver.request(() => runInput({ id: 'old' }));
		await saver.settled();
		expect(await store.load('old')).toBeNull();
		saver.request(() => runInput({ id: 'new' }));
		await saver.settled();
		expect((await store.load('new'))?.id).toBe('new');
	});

	it('writes one save at a time and collapses the requests made meanwhile', async () => {
		const { store } = clockedStore();
		const saver = saverOver(store);
		const built: number[] = [];
		for (let epoch = 1; epoch <= 5; epoch++) {
			saver.request(() => {
				built.push(epoch);
				return runInput({ position: { ...runInput().position, epochsDone: epoch } });
			});
		}
		await saver.settled();
		// All five came before the page was idle: only the newest was built and written.
		expect(built).toEqual([5]);
		expect((await store.load('run-1'))?.position.epochsDone).toBe(5);
		expect(saver.lastSaved?.epochsDone).toBe(5);
	});

	it('writes what was asked during a write once that write is done, with the newest state', async () => {
		let open: () => void = () => {};
		const gate = new Promise<void>((resolve) => (open = resolve));
		const tables = memoryTables();
		const slow = createRunStore({ ...tables, put: (r, s) => gate.then(() => tables.put(r, s)) });
		const saver = saverOver(slow);
		const epochAt = (epochsDone: number) => () =>
			runInput({ position: { ...runInput().position, epochsDone } });
		saver.request(epochAt(1));
		await Promise.resolve();
		await Promise.resolve();
		saver.request(epochAt(2));
		saver.request(epochAt(3));
		open();
		await saver.settled();
		expect((await tables.summaries()).map((s) => s.epochsDone)).toEqual([3]);
		expect(saver.lastSaved?.epochsDone).toBe(3);
	});

	it('skips a request whose run was replaced, and reports a failed write once', async () => {
		const messages: string[] = [];
		const failing = createRunStore({
			...memoryTables(),
			put: () => Promise.reject(new Error('QuotaExceededError'))
		});
		const saver = saverOver(failing, (m) => messages.push(m));
		saver.request(() => null);
		saver.request(() => runInput());
		await saver.settled();
		saver.request(() => runInput());
		await saver.settled();
		expect(messages).toEqual(['This run could not be saved in the browser: QuotaExceededError']);
	});
});

describe('page keys and run ids', () => {
	it('names the pages whose runs are kept, under any base path', () => {
		expect(pageOfPath('/playground')).toBe('playground');
		expect(pageOfPath('/digit-lab/lesson/train', '/digit-lab')).toBe('lesson');
		expect(pageOfPath('/draw/')).toBe('draw');
		expect(pageOfPath('/bench')).toBeNull();
		expect(pageOfPath('/')).toBeNull();
	});

	it('makes ids that sort by time', () => {
		expect(newRunId(1000, () => 0.5) < newRunId(2000, () => 0)).toBe(true);
		expect(newRunId(1000, () => 0.5)).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
	});
});
