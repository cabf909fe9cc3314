/**
 * The command-line trainer: the same engine modules as the browser's worker, run in node on the
 * tfjs WASM backend (CPU backend if WASM cannot start), on the same prepared data files.
 *
 *   npm run train -- --model linear --epochs 20 --order sequential --std 1 --lr 0.1 \
 *                    --batch 256 --accuracy notebook --seed 1 --json
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Run } from '../src/lib/engine/run';
import { trainEpochs } from '../src/lib/engine/trainLoop';
import { parseCliArgs, usage } from './lib/cliArgs';
import { loadMnistFromDisk } from './lib/nodeData';

async function chooseBackend(preference: string): Promise<string> {
	const order = preference === 'auto' || preference === 'webgl' ? ['wasm', 'cpu'] : [preference];
	for (const name of order) {
		try {
			if (await tf.setBackend(name)) {
				await tf.ready();
				return name;
			}
		} catch {
			// try the next one
		}
	}
	throw new Error(`no tfjs backend could start (tried ${order.join(', ')})`);
}

async function main(): Promise<void> {
	const parsed = parseCliArgs(process.argv.slice(2));
	if ('error' in parsed) {
		console.error(`${parsed.error}\n\n${usage()}`);
		process.exit(2);
	}
	if (parsed.help) {
		console.log(usage());
		return;
	}
	const { config, backend: preference, json } = parsed;
	const backend = await chooseBackend(preference);
	const data = await loadMnistFromDisk();
	const run = new Run(data, config);
	if (!json) {
		console.log(`backend ${backend}; ${JSON.stringify(config)}`);
		console.log('epoch  train_loss  valid_loss  accuracy  seconds');
	}
	await trainEpochs(run, config.epochs, (m) => {
		const row = {
			epoch: m.epoch,
			trainLoss: round(m.trainLoss),
			validLoss: round(m.validLoss),
			validAccuracy: round(m.validAccuracy),
			seconds: Math.round(m.seconds * 100) / 100
		};
		console.log(
			json
				? JSON.stringify(row)
				: `${String(m.epoch).padStart(5)}  ${row.trainLoss.toFixed(4).padStart(10)}  ${row.validLoss.toFixed(4).padStart(10)}  ${row.validAccuracy.toFixed(4).padStart(8)}  ${row.seconds.toFixed(2).padStart(7)}`
		);
	});
	run.dispose();
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

main().catch((error: Error) => {
	console.error(`train failed: ${error.message}`);
	process.exit(1);
});
