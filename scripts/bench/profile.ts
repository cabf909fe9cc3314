/**
 * Where a training step's time goes, in node on the tfjs WASM backend (the browser's default on
 * a machine without a GPU): the same profile as `npm run bench -- --profile=1` (src/lib/bench/
 * kernels.ts), without a browser. Each kernel's calls and milliseconds per step, and the
 * step's own time, the rest of which is JS (building batches, tfjs's bookkeeping).
 *
 *   npx tsx scripts/bench/profile.ts --model=mlp [--steps=100] [--backend=cpu]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { profileOurs } from '../../src/lib/bench/kernels';
import { MODEL_KINDS, type ModelKind } from '../../src/lib/engine/models';
import { loadMnistFromDisk } from '../lib/nodeData';
import { formatProfile } from './table';

function option(name: string, fallback: string): string {
	const prefix = `--${name}=`;
	return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

async function main(): Promise<void> {
	const model = option('model', 'linear') as ModelKind;
	if (!MODEL_KINDS.includes(model)) throw new Error(`--model is one of ${MODEL_KINDS.join(', ')}`);
	await tf.setBackend(option('backend', 'wasm'));
	await tf.ready();
	const data = await loadMnistFromDisk();
	const profile = await profileOurs(data, model, Number(option('steps', '100')));
	console.log(formatProfile(profile, tf.getBackend()));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
