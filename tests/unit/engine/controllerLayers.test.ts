/**
 * The LayersModel requests as the worker handles them: a trained run exported through the
 * controller, then checked by verifyLayersModel on the first 100 real test digits (100/100),
 * while a model.json from a different run is caught. fetch serves the prepared MNIST files.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MNIST_FILES, servedName } from '$lib/data/mnistFiles';
import { Controller } from '$lib/engine/controller';
import {
	isReplyTo,
	type EngineEvent,
	type ReplyOf,
	type RequestPayload,
	type RequestType
} from '$lib/engine/protocol';
import { fastConfig } from '../helpers/engine';
import { servedBytes } from '../helpers/idx';

const served = new Map(MNIST_FILES.map((spec) => [servedName(spec), servedBytes(spec)]));

beforeAll(async () => {
	await tf.setBackend('cpu');
	vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
		const url = String(input);
		const bytes = served.get(url.slice(url.lastIndexOf('/') + 1));
		if (!bytes) return new Response('not found', { status: 404 });
		return new Response(bytes.slice(), { headers: { 'content-length': String(bytes.length) } });
	});
});

afterAll(() => {
	vi.unstubAllGlobals();
});

describe('exportLayersModel and verifyLayersModel requests', () => {
	const events: EngineEvent[] = [];
	const controller = new Controller(
		(event) => events.push(event),
		async () => ({ name: 'cpu', label: 'CPU', reason: 'tests' })
	);
	let nextId = 1;

	async function send<T extends RequestType>(
		type: T,
		payload: RequestPayload<T>
	): Promise<ReplyOf<T>> {
		const id = nextId++;
		await controller.handle({ id, type, ...payload });
		const reply = events.find((e) => e.type === 'reply' && e.id === id);
		if (!reply || reply.type !== 'reply') throw new Error('no reply');
		if (!reply.ok) throw new Error(reply.error);
		if (!isReplyTo(type, reply)) throw new Error(`a ${type} request got a ${reply.request} reply`);
		return reply.result;
	}

	it('exports a trained net that loads and agrees on 100/100 test digits', async () => {
		await send('init', { backend: 'cpu', dataUrl: 'http://t/data' });
		await send('loadData', { dataUrl: 'http://t/data' });
		await send('configure', { config: fastConfig({ model: 'mlp', hidden: 16, trainSubset: 512 }) });
		await send('train', { epochs: 1 });
		const artifacts = await send('exportLayersModel', { weightsName: 'net.weights.bin' });
		expect(artifacts.weightsBin.byteLength).toBe(4 * (784 * 16 + 16 + 16 * 10 + 10));
		expect(JSON.parse(artifacts.modelJson).weightsManifest[0].paths).toEqual(['./net.weights.bin']);
		expect(await send('verifyLayersModel', { ...artifacts, count: 100 })).toEqual({
			agree: 100,
			count: 100
		});

		// The same files against a differently seeded run: the check notices.
		await send('configure', {
			config: fastConfig({ model: 'mlp', hidden: 16, trainSubset: 512, seed: 5 })
		});
		await send('train', { epochs: 1 });
		const other = await send('verifyLayersModel', { ...artifacts, count: 100 });
		expect(other.count).toBe(100);
		expect(other.agree).toBeLessThan(100);
	}, 60_000);
});
