/**
 * One epoch of our loop (and, with --fit=1, of model.fit) in node on tfjs WASM, single-threaded,
 * timed twice: wall-clock and the process's CPU time. On a machine others are loading, the wall
 * clock says how busy the machine was; the CPU time is close to what the epoch takes on the
 * same cores when they are free (the browser's `npm run bench` can only give the wall clock).
 *
 *   npx tsx scripts/bench/cpu.ts [--models=linear,mlp] [--fit=1] [--backend=cpu]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { fitTensors, timeFit, warmFit, warmOurs } from '../../src/lib/bench/measure';
import { benchRecipe } from '../../src/lib/bench/protocol';
import { Run } from '../../src/lib/engine/run';
import { trainEpochs } from '../../src/lib/engine/trainLoop';
import { MODEL_KINDS, type ModelKind } from '../../src/lib/engine/models';
import { loadMnistFromDisk } from '../lib/nodeData';

function option(name: string, fallback: string): string {
	const prefix = `--${name}=`;
	return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

/** Runs `work`, returning its result with the wall-clock and CPU seconds it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; wall: number; cpu: number }> {
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await work();
	const { user, system } = process.cpuUsage(cpuBefore);
	return { result, wall: (performance.now() - started) / 1000, cpu: (user + system) / 1e6 };
}

const s = (seconds: number) => `${seconds.toFixed(2)} s`;

async function main(): Promise<void> {
	const models = option('models', MODEL_KINDS.join(',')).split(',') as ModelKind[];
	for (const model of models) {
		if (!MODEL_KINDS.includes(model)) throw new Error(`--models: one of ${MODEL_KINDS.join(', ')}`);
	}
	await tf.setBackend(option('backend', 'wasm'));
	await tf.ready();
	const data = await loadMnistFromDisk();
	console.log(`backend ${tf.getBackend()}; one epoch of 60,000 digits, batch 256`);
	for (const model of models) {
		await warmOurs(data, model);
		const run = new Run(data, benchRecipe(model));
		// The epoch includes a validation, timed again on its own and taken off (as the bench does).
		const epoch = await timed(() => trainEpochs(run, 1, () => {}));
		const validation = await timed(() => run.validate());
		run.dispose();
		const line = [
			`${model}: ours ${s(epoch.wall - validation.wall)} wall, ${s(epoch.cpu - validation.cpu)} CPU;`,
			`validate ${s(validation.wall)} wall, ${s(validation.cpu)} CPU`
		];
		if (option('fit', '0') === '1') {
			const { x, y } = fitTensors(data);
			await warmFit(model, x, y);
			const fit = await timed(() => timeFit(model, x, y));
			tf.dispose([x, y]);
			line.push(`| model.fit ${s(fit.wall)} wall, ${s(fit.cpu)} CPU`);
		}
		console.log(line.join(' '));
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
