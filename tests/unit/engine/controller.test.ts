/**
 * The controller driven directly, as the worker drives it: requests in, events out through one
 * recorded post function. fetch is stubbed to serve the prepared files from static/data/mnist,
 * and the backend chooser is a fake (the tests run on the cpu backend).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MNIST_FILES, servedName } from '$lib/data/mnistFiles';
import type { BackendPreference } from '$lib/engine/config';
import { Controller } from '$lib/engine/controller';
import { InkProducts } from '$lib/engine/ink/inkProducts';
import {
	isReplyTo,
	type BackendInfo,
	type EngineEvent,
	type FailedReply,
	type ReplyEvent,
	type ReplyOf,
	type RequestPayload,
	type RequestType
} from '$lib/engine/protocol';
import { servedBytes } from '../helpers/idx';
import { fastConfig } from '../helpers/engine';

type Reply = Extract<EngineEvent, { type: 'reply' }>;
type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;

const served = new Map(MNIST_FILES.map((spec) => [servedName(spec), servedBytes(spec)]));
/** File name -> replacement bytes, for the corrupted-data test. */
const tampered = new Map<string, Uint8Array>();
const fetched: string[] = [];

beforeAll(async () => {
	await tf.setBackend('cpu');
	vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
		const url = String(input);
		fetched.push(url);
		const name = url.slice(url.lastIndexOf('/') + 1);
		const bytes = tampered.get(name) ?? served.get(name);
		if (!bytes) return new Response('not found', { status: 404 });
		return new Response(bytes.slice(), {
			headers: { 'content-length': String(bytes.length) }
		});
	});
});

afterAll(() => {
	vi.unstubAllGlobals();
});

/** A controller with its events recorded, and helpers to send requests and wait for events. */
function harness() {
	const events: EngineEvent[] = [];
	const waiters: { test: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }[] = [];
	const backendCalls: BackendPreference[] = [];
	const post = (event: EngineEvent) => {
		events.push(event);
		for (const waiter of waiters.splice(0)) {
			if (waiter.test(event)) waiter.resolve(event);
			else waiters.push(waiter);
		}
	};
	const selectBackend = async (preference: BackendPreference): Promise<BackendInfo> => {
		backendCalls.push(preference);
		return { name: 'cpu', label: 'CPU (plain JavaScript)', reason: 'a fake for the tests' };
	};
	const controller = new Controller(post, selectBackend);
	let nextId = 1;

	/**
	 * Sends a request; resolves with its reply (checked to be the only one with that id, and to
	 * answer a request of this type).
	 */
	async function send<T extends RequestType>(
		type: T,
		payload: RequestPayload<T>
	): Promise<ReplyEvent<T> | FailedReply> {
		const id = nextId++;
		await controller.handle({ id, type, ...payload });
		const replies = events.filter((e): e is Reply => e.type === 'reply' && e.id === id);
		expect(replies.length).toBe(1);
		const reply = replies[0];
		expect(reply.request).toBe(type);
		if (!reply.ok) return reply;
		if (!isReplyTo(type, reply)) throw new Error(`a ${type} request got a ${reply.request} reply`);
		return reply;
	}

	/** The next event (from now on) that passes the test. */
	function next<T extends EngineEvent['type']>(
		type: T,
		test: (e: EventOf<T>) => boolean = () => true
	): Promise<EventOf<T>> {
		return new Promise((resolve) => {
			waiters.push({
				test: (e) => e.type === type && test(e as EventOf<T>),
				resolve: (e) => resolve(e as EventOf<T>)
			});
		});
	}

	const since = (mark: number) => events.slice(mark);
	return { controller, events, backendCalls, send, next, since };
}

function result<T extends RequestType>(reply: ReplyEvent<T> | FailedReply): ReplyOf<T> {
	if (!reply.ok) throw new Error(`request ${reply.id} failed: ${reply.error}`);
	return reply.result;
}

const DATA_URL = 'http://digit-lab.test/data/mnist';

describe('Controller', () => {
	const h = harness();

	it('answers init with the chosen backend, as a reply and as an event', async () => {
		const reply = await h.send('init', { backend: 'cpu', dataUrl: DATA_URL });
		expect(reply).toMatchObject({ type: 'reply', id: 1, ok: true });
		expect(result(reply).name).toBe('cpu');
		expect(h.backendCalls).toEqual(['cpu']);
		expect(h.events.filter((e) => e.type === 'backend')).toHaveLength(1);
	});

	it('refuses to configure or train before the data is loaded', async () => {
		const reply = await h.send('configure', { config: fastConfig() });
		expect(reply).toMatchObject({ ok: false, error: 'the data is not loaded yet' });
		const step = await h.send('step', {});
		expect(step).toMatchObject({ ok: false });
	});

	it('reports a corrupted data file with a reply naming the file, and can retry', async () => {
		tampered.set('t10k-labels-idx1-ubyte.gz', new Uint8Array(4000).fill(0x5a));
		const mark = h.events.length;
		const failed = await h.send('loadData', { dataUrl: DATA_URL });
		expect(failed.ok).toBe(false);
		if (!failed.ok) {
			expect(failed.error).toMatch(/^Could not load MNIST: test labels: wrong magic number/);
		}
		const errors = h.since(mark).filter((e) => e.type === 'error');
		expect(errors).toHaveLength(1);
		expect((errors[0] as EventOf<'error'>).message).toContain('test labels');
		expect(fetched).toContain(`${DATA_URL}/t10k-labels-idx1-ubyte.gz`);

		// Fixed on the server: loading again works (the failed load was not cached).
		tampered.clear();
		const mark2 = h.events.length;
		const ok = await h.send('loadData', { dataUrl: DATA_URL });
		expect(result(ok)).toEqual({ trainCount: 60000, testCount: 10000 });
		const progress = h
			.since(mark2)
			.filter((e): e is EventOf<'dataProgress'> => e.type === 'dataProgress');
		expect(progress.length).toBeGreaterThan(4);
		expect(progress[progress.length - 1].progress.stage).toBe('ready');
		// Loaded once: asking again does not fetch again.
		const fetchedBefore = fetched.length;
		expect(result(await h.send('loadData', { dataUrl: DATA_URL }))).toEqual({
			trainCount: 60000,
			testCount: 10000
		});
		expect(fetched.length).toBe(fetchedBefore);
	});

	it('configures a run and reports its position with status idle', async () => {
		const mark = h.events.length;
		const buildInk = vi.spyOn(InkProducts, 'for');
		let reply;
		try {
			// The first configure makes the run. Its reply goes out first; the batches' ink is
			// built in the worker's next task.
			reply = await h.send('configure', { config: fastConfig() });
			expect(buildInk).not.toHaveBeenCalled();
			await new Promise((resolve) => setTimeout(resolve, 0));
			expect(buildInk).toHaveBeenCalledTimes(1);
		} finally {
			buildInk.mockRestore();
		}
		expect(result(reply)).toEqual({
			epochsDone: 0,
			batchInEpoch: 0,
			batchesPerEpoch: 4,
			stepsDone: 0,
			trainCount: 256
		});
		const statuses = h.since(mark).filter((e) => e.type === 'status');
		expect(statuses).toMatchObject([{ status: 'idle', position: { stepsDone: 0 } }]);
	});

	it('trains one epoch: status training, losses, epoch, status idle, then the reply', async () => {
		const mark = h.events.length;
		const reply = await h.send('train', { epochs: 1 });
		const position = result(reply);
		expect(position).toMatchObject({ epochsDone: 1, batchInEpoch: 0, stepsDone: 4 });
		const events = h.since(mark);
		expect(events.map((e) => (e.type === 'status' ? `status:${e.status}` : e.type))).toEqual([
			'status:training',
			'losses',
			'epoch',
			'status:idle',
			'reply'
		]);
		const losses = events[1] as EventOf<'losses'>;
		expect(losses.firstStep).toBe(1);
		expect(losses.values.length).toBe(4);
		const epoch = events[2] as EventOf<'epoch'>;
		expect(epoch.metrics.epoch).toBe(1);
		expect(epoch.metrics.validAccuracy).toBe(epoch.metrics.exactAccuracy);
		expect(epoch.position.epochsDone).toBe(1);
		expect((events[4] as Reply).id).toBe(reply.id);
	});

	it('pauses at a batch boundary, steps exactly one batch while paused, and resets', async () => {
		// 1,024 digits in batches of 64: 16 batches, so the pause lands mid-epoch.
		result(await h.send('configure', { config: fastConfig({ trainSubset: 1024 }) }));
		const training = h.next('status', (e) => e.status === 'training');
		const mark = h.events.length;
		const trainDone = h.send('train', { epochs: 1 });
		await training;
		const paused = h.next('status', (e) => e.status === 'paused');
		const pauseReply = await h.send('pause', {});
		expect(pauseReply.ok).toBe(true);
		const at = (await paused).position;
		expect(at.batchInEpoch).toBeGreaterThan(0);
		expect(at.batchInEpoch).toBeLessThan(16);
		expect(at.stepsDone).toBe(at.batchInEpoch);
		expect(at.epochsDone).toBe(0);
		// Every loss trained so far has been read back and sent before the pause was reported.
		const sent = (events: EngineEvent[]) =>
			events
				.filter((e): e is EventOf<'losses'> => e.type === 'losses')
				.reduce((n, e) => n + e.values.length, 0);
		expect(sent(h.since(mark))).toBe(at.stepsDone);

		// Parked: a snapshot taken later finds the run where it paused.
		const snapshot = await h.send('snapshot', { weights: true });
		expect(result(snapshot).position).toEqual(at);

		// Step: exactly one more batch, its loss, and status still paused.
		const beforeStep = h.events.length;
		const report = result(await h.send('step', {}));
		expect(report.lr).toBe(0.1);
		expect(report.lossBefore).toBeNull(); // not asked for
		const stepped = report.position;
		expect(stepped.stepsDone).toBe(at.stepsDone + 1);
		expect(stepped.batchInEpoch).toBe(at.batchInEpoch + 1);
		const afterStep = h.since(beforeStep);
		expect(afterStep.filter((e) => e.type === 'losses')).toMatchObject([
			{ firstStep: at.stepsDone + 1 }
		]);
		expect(afterStep.filter((e) => e.type === 'status')).toMatchObject([{ status: 'paused' }]);
		expect(result(await h.send('snapshot', {})).position.stepsDone).toBe(at.stepsDone + 1);

		// Reset: ends the parked training job (its reply arrives) and goes back to the start.
		const reset = result(await h.send('reset', {}));
		expect(reset).toMatchObject({ epochsDone: 0, batchInEpoch: 0, stepsDone: 0 });
		const trainReply = await trainDone;
		expect(trainReply.ok).toBe(true);
		expect(result(trainReply).epochsDone).toBe(0);
		const lastStatus = h.events.filter((e): e is EventOf<'status'> => e.type === 'status').at(-1);
		expect(lastStatus!.status).toBe('idle');
		expect(lastStatus!.position.stepsDone).toBe(0);
	});

	it('steps from idle too, and refuses a step while training', async () => {
		const report = result(await h.send('step', { lr: 0.05, report: true }));
		expect(report.position.stepsDone).toBe(1);
		expect(report.lr).toBe(0.05);
		expect(Number.isFinite(report.lossBefore)).toBe(true);
		expect(Number.isFinite(report.lossAfter)).toBe(true);
		const training = h.next('status', (e) => e.status === 'training');
		const trainDone = h.send('train', { epochs: 1 });
		await training;
		const refused = await h.send('step', {});
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.error).toMatch(/^pause the training/);
		const again = await h.send('train', { epochs: 1 });
		expect(again).toMatchObject({ ok: false, error: 'this run is already training' });
		result(await h.send('reset', {}));
		expect((await trainDone).ok).toBe(true);
	});

	it('answers predict and memory requests; replies carry their request ids', async () => {
		const pixels = new Float32Array(784);
		const prediction = result(await h.send('predict', { pixels }));
		expect(prediction.probabilities.length).toBe(10);
		const memory = result(await h.send('memory', {}));
		expect(memory.numTensors).toBe(tf.memory().numTensors);
		const replies = h.events.filter((e): e is Reply => e.type === 'reply');
		const ids = replies.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids.map((_, i) => i + 1));
	});
});
