/**
 * Where a training step's time goes, on whatever tfjs backend is active: how many backend
 * kernels one step of our loop and of model.fit runs (tf.profile), and, on request, our step's
 * kernels by name with their time. DOM-free: the bench worker and scripts/bench/profile.ts
 * (node) both use it.
 */
import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../data/mnist';
import { CLASSES, PIXELS, type ModelKind } from '../engine/config';
import { Run } from '../engine/run';
import { FIT_OPTIONS, sequential } from './measure';
import { BENCH_SETUP, benchRecipe, type KernelProfile } from './protocol';

/** Steps tf.profile watches to count kernels per step (one loss read-back falls among them). */
export const PROFILED_STEPS = 10;

/**
 * The backend kernels `train` runs. Ops that tfjs builds with customGrad (logSoftmax, fused
 * matMul) are listed as "name__op" around the kernels they run, and are left out.
 */
type KernelInfo = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

async function kernelsOf(train: () => Promise<unknown>): Promise<KernelInfo[]> {
	const profile = await tf.profile(async () => {
		await train();
		return [];
	});
	return profile.kernels.filter((k) => !k.name.endsWith('__op'));
}

/** A fresh run of our loop, past its first step (which records the starting weights). */
async function startedRun(data: MnistData, model: ModelKind): Promise<Run> {
	const run = new Run(data, benchRecipe(model));
	await run.trainBatch();
	await run.flushLosses();
	return run;
}

/** Kernels per step of our loop: steps 2 to 11 of a fresh run. */
export async function kernelsOurs(data: MnistData, model: ModelKind): Promise<number> {
	const run = await startedRun(data, model);
	try {
		const kernels = await kernelsOf(async () => {
			for (let i = 0; i < PROFILED_STEPS; i++) await run.trainBatch();
		});
		return kernels.length / PROFILED_STEPS;
	} finally {
		run.dispose();
	}
}

/** Kernels per step of model.fit: one epoch of PROFILED_STEPS batches (the fit call only). */
export async function kernelsFit(
	model: ModelKind,
	x: tf.Tensor2D,
	y: tf.Tensor2D
): Promise<number> {
	const rows = PROFILED_STEPS * BENCH_SETUP.batchSize;
	const [xs, ys] = [x.slice([0, 0], [rows, PIXELS]), y.slice([0, 0], [rows, CLASSES])];
	const { net, optimizer } = sequential(model);
	try {
		const kernels = await kernelsOf(() => net.fit(xs, ys, FIT_OPTIONS));
		return kernels.length / PROFILED_STEPS;
	} finally {
		tf.dispose([xs, ys]);
		net.dispose();
		optimizer.dispose();
	}
}

/**
 * `steps` steps of our loop timed as they are, then the same number again under tf.profile:
 * each kernel's calls and milliseconds per step. Within the first epoch (at most 110 steps
 * each), so that no validation pass falls inside. On WebGL a kernel's time is only what the
 * page spends issuing it unless the browser offers GPU timer queries.
 */
export async function profileOurs(
	data: MnistData,
	model: ModelKind,
	steps = 100
): Promise<KernelProfile> {
	const count = Math.min(steps, 110);
	const run = await startedRun(data, model);
	try {
		for (let i = 0; i < 10; i++) await run.trainBatch();
		const started = performance.now();
		for (let i = 0; i < count; i++) await run.trainBatch();
		await run.flushLosses();
		const stepMs = (performance.now() - started) / count;
		const kernels = await kernelsOf(async () => {
			for (let i = 0; i < count; i++) await run.trainBatch();
		});
		const byName = new Map<string, { calls: number; ms: number }>();
		for (const k of kernels) {
			const entry = byName.get(k.name) ?? { calls: 0, ms: 0 };
			entry.calls++;
			entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
			byName.set(k.name, entry);
		}
		const rows = [...byName]
			.map(([name, e]) => ({ name, calls: e.calls / count, ms: e.ms / count }))
			.sort((a, b) => b.ms - a.ms);
		return { model, steps: count, stepMs, kernelMs: rows.reduce((sum, r) => sum + r.ms, 0), rows };
	} finally {
		run.dispose();
	}
}
