/**
 * Step 11 (train the net): the two training presets, the numbers its charts need (gradient sizes
 * per batch, the linear learner's best run) and what other seeds of the notebook's recipe
 * reached. Pure functions, tested in node.
 */
import type { RunConfig } from '$lib/engine/config';
import type { RunLike } from '../../shared/runs';

export type NetPreset = 'notebook' | 'usual';

export const NET_PRESETS: Record<
	NetPreset,
	{ name: string; label: string; why: string; testid: string }
> = {
	notebook: {
		name: 'The notebook’s recipe',
		label: 'net, notebook recipe (lr 0.001, class order)',
		why: 'fastai’s Learner.fit(20) with SGD at its default learning rate 1e-3, batches of 256 in the notebook’s class order.',
		// The test hook keeps the name it had when this preset was called "seed".
		testid: 'net-preset-seed'
	},
	usual: {
		name: 'The usual practice',
		label: 'net, shuffled, lr 0.1',
		why: 'Shuffled batches (all ten digits in each) and a learning rate of 0.1, a hundred times larger.',
		testid: 'net-preset-usual'
	}
};

/** The epochs the learner may pick: a quick look, or the notebook's 20. */
export const NET_EPOCHS = [1, 5, 20] as const;

/** Runs of the net on all training digits: the ones step 11 trains and compares. */
export function isNetRun(config: RunConfig): boolean {
	return config.model === 'mlp' && config.trainSubset === 0;
}

/** The full recipe of a preset: the net, `epochs` of batch 256, counted by argmax == label. */
export function netRecipe(base: RunConfig, preset: NetPreset, epochs = 20): RunConfig {
	return {
		...base,
		model: 'mlp',
		epochs,
		batchSize: 256,
		accuracy: 'exact',
		trainSubset: 0,
		lr: preset === 'notebook' ? 0.001 : 0.1,
		order: preset === 'notebook' ? 'sequential' : 'shuffled'
	};
}

/** The linear learner's best run so far, by its best exact accuracy in any epoch. */
export function bestLinearRun(
	runs: readonly RunLike[]
): { label: string; accuracy: number; epoch: number } | null {
	let best: { label: string; accuracy: number; epoch: number } | null = null;
	for (const run of runs) {
		if (run.config.model !== 'linear') continue;
		for (const m of run.epochs) {
			if (Number.isFinite(m.exactAccuracy) && (!best || m.exactAccuracy > best.accuracy))
				best = { label: run.label, accuracy: m.exactAccuracy, epoch: m.epoch };
		}
	}
	return best;
}

export interface Point {
	x: number;
	y: number;
}

/**
 * One series per parameter from the per-batch gradient norms, on an epoch axis (batch / batches
 * per epoch), keeping at most `max` points each (every k-th batch, and always the last): 20
 * epochs are 4,700 batches, more than a chart has pixels. Non-positive norms cannot sit on a log
 * axis and are left out.
 */
export function gradNormSeries(
	gradNorms: readonly { step: number; norms: number[] }[],
	names: readonly string[],
	batchesPerEpoch = 1,
	max = 400
): { name: string; points: Point[] }[] {
	const every = Math.max(1, Math.ceil(gradNorms.length / max));
	const kept = gradNorms.filter((_, i) => i % every === 0 || i === gradNorms.length - 1);
	return names.map((name, p) => ({
		name,
		points: kept
			.map((g) => ({ x: g.step / Math.max(1, batchesPerEpoch), y: g.norms[p] }))
			.filter((pt) => Number.isFinite(pt.y) && pt.y > 0)
	}));
}

/**
 * What the notebook's net recipe (lr 0.001, class order, 20 epochs) reached with different seeds,
 * measured with the command-line trainer (`npm run train -- --model mlp --lr 0.001 ...`, the same
 * engine on tfjs WASM), so the lesson can say honestly how much one run can differ from 80.5%.
 */
export const SEED_SPREAD = {
	seeds: [1, 2, 3],
	accuracies: [0.7147, 0.708, 0.6902],
	text: 'Seeds 1, 2 and 3 of this recipe, trained for 20 epochs on this engine, ended at 0.7147, 0.7080 and 0.6902: one run of a recipe is not the recipe.'
};
