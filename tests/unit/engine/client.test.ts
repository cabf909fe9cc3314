/**
 * Supervision of the engine worker, with a fake worker and fake timers: a worker that goes silent,
 * one that never starts (and why), one whose message cannot be read, an error in a worker that
 * keeps answering, and a request that times out on a live worker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineClient, type ClientEvent, type WorkerLike } from '$lib/engine/client';
import { HEARTBEAT_MS, SILENT_LIMIT_MS } from '$lib/engine/heartbeat';
import type { Request } from '$lib/engine/protocol';
import { startFailureWords } from '$lib/engine/workerFailure';

class FakeWorker implements WorkerLike {
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	onmessageerror: ((event: MessageEvent) => void) | null = null;
	sent: Request[] = [];
	terminated = false;
	/** Answers pings (and nothing else) while alive. */
	alive = true;

	postMessage(message: unknown): void {
		const request = message as Request;
		this.sent.push(request);
		if (this.alive && request.type === 'ping') {
			queueMicrotask(() => this.reply(request.id, 'ping', { alive: true }));
		}
	}
	terminate(): void {
		this.terminated = true;
	}
	reply(id: number, request: string, result: unknown): void {
		this.onmessage?.({ data: { type: 'reply', id, request, ok: true, result } } as MessageEvent);
	}
	error(message?: string): void {
		const event = { message, preventDefault: () => {} } as unknown as ErrorEvent;
		this.onerror?.(event);
	}
}

function setup(startFailure?: (message: string) => Promise<string>) {
	const worker = new FakeWorker();
	const client = new EngineClient(worker, { startFailure });
	const events: ClientEvent[] = [];
	client.on((event) => events.push(event));
	return { worker, client, events };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('EngineClient supervision', () => {
	it('keeps a worker that answers its pings, however long a train request takes', async () => {
		const { worker, client, events } = setup();
		const training = client.request('train', { epochs: 200 });
		await vi.advanceTimersByTimeAsync(10 * SILENT_LIMIT_MS);
		expect(events).toEqual([]);
		expect(worker.terminated).toBe(false);
		const id = worker.sent.find((r) => r.type === 'train')!.id;
		worker.reply(id, 'train', { stepsDone: 1 });
		await expect(training).resolves.toEqual({ stepsDone: 1 });
	});

	it('declares a silent worker lost once, after the limit, and fails what waits', async () => {
		const { worker, client, events } = setup();
		await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
		worker.alive = false; // closed from inside: no event, no answer
		const training = client.request('train', { epochs: 5 });
		const failed = expect(training).rejects.toMatchObject({ name: 'WorkerLostError' });
		await vi.advanceTimersByTimeAsync(SILENT_LIMIT_MS - HEARTBEAT_MS);
		expect(events).toEqual([]);
		await vi.advanceTimersByTimeAsync(2 * HEARTBEAT_MS);
		expect(events).toEqual([
			{
				type: 'workerLost',
				kind: 'unresponsive',
				cause: expect.stringMatching(/stopped answering \(nothing for 2\d s\)/)
			}
		]);
		expect(worker.terminated).toBe(true);
		await failed;
		await expect(client.request('snapshot', {})).rejects.toMatchObject({
			name: 'WorkerLostError'
		});
		await vi.advanceTimersByTimeAsync(5 * SILENT_LIMIT_MS);
		expect(events).toHaveLength(1);
	});

	it('does not blame the worker for the page’s own sleep (a long task, a hidden tab)', async () => {
		const { worker, events } = setup();
		worker.alive = false;
		// The page's timers stall for a minute: the first tick after is late, not the worker.
		vi.setSystemTime(Date.now() + 60_000);
		await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
		expect(events).toEqual([]);
		worker.alive = true;
		worker.onmessage?.({ data: { type: 'status', status: 'idle' } } as MessageEvent);
		await vi.advanceTimersByTimeAsync(3 * SILENT_LIMIT_MS);
		expect(events.filter((e) => e.type === 'workerLost')).toEqual([]);
	});

	it('tells a worker that never started by its cause; one that ran and threw is only reported', async () => {
		const never = setup(
			async () => 'The training worker’s script could not be downloaded (HTTP 404).'
		);
		never.worker.error();
		await vi.advanceTimersByTimeAsync(0);
		expect(never.events).toEqual([
			{ type: 'workerLost', kind: 'failed-to-start', cause: expect.stringContaining('HTTP 404') }
		]);

		const running = setup();
		await vi.advanceTimersByTimeAsync(0); // it answered its first ping: it started
		running.worker.error('Uncaught Error: boom');
		expect(running.events).toEqual([
			{ type: 'error', message: 'The training worker hit an error: Uncaught Error: boom.' }
		]);
		expect(running.worker.terminated).toBe(false);
	});

	it('loses a worker whose message cannot be read; times out a request on a live worker', async () => {
		const unreadable = setup();
		unreadable.worker.onmessageerror?.({} as MessageEvent);
		expect(unreadable.events).toMatchObject([{ type: 'workerLost', kind: 'unreadable' }]);

		const live = setup();
		const stuck = live.client.request('confusion', {});
		const failed = expect(stuck).rejects.toThrow(/did not answer a confusion request in 120 s/);
		await vi.advanceTimersByTimeAsync(120_000);
		await failed;
		expect(live.events).toEqual([]);
	});
});

describe('startFailureWords', () => {
	const fetching = (status: number | Error) =>
		(async () => {
			if (status instanceof Error) throw status;
			return { status } as Response;
		}) as unknown as typeof fetch;

	it('names a missing script, a missing connection, a failing start, or the browser', async () => {
		const url = 'http://host/_app/immutable/workers/engine.worker-abc.js';
		expect(await startFailureWords(url, '', fetching(404))).toMatch(/HTTP 404.*reload the page/);
		expect(await startFailureWords(url, '', fetching(new TypeError('offline')))).toMatch(
			/no connection/
		);
		expect(await startFailureWords(url, 'SyntaxError: x', fetching(200))).toBe(
			'The training worker could not start: SyntaxError: x.'
		);
		expect(await startFailureWords(url, '', fetching(200))).toMatch(/module workers/);
	});
});
