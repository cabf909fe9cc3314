/// <reference lib="webworker" />
/**
 * The benchmark's module worker: starts the one backend it is asked for (and says so when that
 * backend cannot start here), loads MNIST, then for each model times our engine loop and
 * model.fit. One worker per backend, so every backend starts from a fresh tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import { httpSource, loadMnist } from '../data/mnist';
import { selectBackend } from '../engine/backend';
import type { BackendName } from '../engine/config';
import type { FastPathCheck, WebglFastPaths } from '../engine/protocol';
import { kernelsFit, kernelsOurs, profileOurs } from './kernels';
import { fitTensors, timeFit, timeOurs, warmFit, warmOurs } from './measure';
import { assertNever, type BenchEvent, type BenchRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(event: BenchEvent): void {
	scope.postMessage(event);
}

/** "; fast paths: step programs (within 1.8e-7 of tfjs), byte uploads (...)", for the table. */
function fastPathsWords(paths: WebglFastPaths | undefined): string {
	if (!paths) return '';
	const words = (name: string, { used, maxError }: FastPathCheck) =>
		`${name} ${used ? 'on' : 'off'} (within ${maxError.toExponential(1)} of tfjs)`;
	return `; fast paths: ${words('step programs', paths.stepPrograms)}, ${words('byte uploads', paths.byteUploads)}`;
}

async function start(backend: BackendName, threads?: number): Promise<boolean> {
	try {
		const info = await selectBackend(backend, { wasmThreads: threads });
		if (info.name !== backend) {
			post({
				type: 'unavailable',
				backend,
				reason: `it could not start (fell back to ${info.name})`
			});
			return false;
		}
		post({ type: 'backend', backend, label: info.label + fastPathsWords(info.fastPaths) });
		return true;
	} catch (error) {
		post({ type: 'unavailable', backend, reason: (error as Error).message });
		return false;
	}
}

async function run({ backend, dataUrl, models, threads, profile }: BenchRequest): Promise<void> {
	if (!(await start(backend, threads))) return;
	post({ type: 'progress', message: `${backend}: loading MNIST` });
	const data = await loadMnist(httpSource(dataUrl));
	const { x, y, count } = fitTensors(data);
	try {
		for (const model of models) {
			post({ type: 'progress', message: `${backend} ${model}: warming up` });
			const before = tf.memory().numTensors;
			await warmOurs(data, model);
			await warmFit(model, x, y);

			post({ type: 'progress', message: `${backend} ${model}: our loop, one epoch` });
			post({ type: 'phase', impl: 'ours', model, state: 'start' });
			const ours = await timeOurs(data, model);
			post({ type: 'phase', impl: 'ours', model, state: 'end' });

			post({ type: 'progress', message: `${backend} ${model}: model.fit, one epoch` });
			post({ type: 'phase', impl: 'fit', model, state: 'start' });
			const fit = await timeFit(model, x, y);
			post({ type: 'phase', impl: 'fit', model, state: 'end' });

			post({ type: 'progress', message: `${backend} ${model}: counting kernels per step` });
			const kernelsPerStep = {
				ours: await kernelsOurs(data, model),
				fit: await kernelsFit(model, x, y)
			};
			const stepProfile = profile ? await profileOurs(data, model) : undefined;

			const ratio = ours.examplesPerSecond / fit.examplesPerSecond;
			const leakedTensors = tf.memory().numTensors - before;
			post({
				type: 'result',
				result: {
					model,
					backend,
					trainCount: count,
					ours,
					fit,
					ratio,
					kernelsPerStep,
					...(stepProfile && { profile: stepProfile }),
					leakedTensors
				}
			});
		}
	} finally {
		tf.dispose([x, y]);
	}
	post({ type: 'done' });
}

scope.onmessage = (event: MessageEvent<BenchRequest>) => {
	const request = event.data;
	switch (request.type) {
		case 'run':
			run(request).catch((error: unknown) =>
				post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
			);
			break;
		default:
			assertNever(request.type);
	}
};
