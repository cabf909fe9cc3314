/**
 * The arithmetic behind steps 10 and 11 (the net): how many parameters each layer has, what ReLU
 * does, how many hidden units a digit switched off, the two training presets, and the numbers the
 * training charts need (gradient sizes on a log scale, the linear learner's best run).
 * Pure functions on plain arrays: no DOM, no tfjs, tested in node.
 */
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';

/** Parameters of Linear(inputs, hidden) -> ReLU -> Linear(hidden, classes). ReLU has none. */
export function netParamCounts(hidden: number, inputs = 784, classes = 10) {
	const w1 = inputs * hidden;
	const b1 = hidden;
	const w2 = hidden * classes;
	const b2 = classes;
	return { w1, b1, w2, b2, layer1: w1 + b1, layer2: w2 + b2, total: w1 + b1 + w2 + b2 };
}

/** ReLU: negative numbers become 0, the rest pass unchanged. */
export function relu(x: number): number {
	return x > 0 ? x : 0;
}

/** Points of y = max(0, x) on [lo, hi] for a small chart (the kink at 0 is always included). */
export function reluPoints(lo = -3, hi = 3, n = 13): { x: number; y: number }[] {
	const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
	if (lo < 0 && hi > 0 && !xs.includes(0)) xs.push(0);
	return xs.sort((a, b) => a - b).map((x) => ({ x, y: relu(x) }));
}

/** Numbers as people read them: 23550 -> "23,550". */
export function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}

export type NetPreset = 'seed' | 'usual';

export const NET_PRESETS: Record<NetPreset, { name: string; label: string; why: string }> = {
	seed: {
		name: 'The notebook’s recipe',
		label: 'net, notebook recipe (lr 0.001, class order)',
		why: 'fastai’s Learner.fit(20) with SGD at its default learning rate 1e-3, batches of 256 in the notebook’s class order.'
	},
	usual: {
		name: 'The usual practice',
		label: 'net, shuffled, lr 0.1',
		why: 'Shuffled batches (all ten digits in each) and a learning rate of 0.1, a hundred times larger.'
	}
};

/** The full recipe of a preset: the net, 20 epochs of batch 256, counted by argmax == label. */
export function netRecipe(base: RunConfig, preset: NetPreset): RunConfig {
	return {
		...base,
		model: 'mlp',
		epochs: 20,
		batchSize: 256,
		accuracy: 'exact',
		trainSubset: 0,
		lr: preset === 'seed' ? 0.001 : 0.1,
		order: preset === 'seed' ? 'sequential' : 'shuffled'
	};
}

interface RunLike {
	label: string;
	config: RunConfig;
	epochs: EpochMetrics[];
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
 * Where step 10's diagram draws things, for a drawing `width` px wide: the input as one block,
 * `hidden` nodes in a column, ten outputs in a column. Heights are fixed; x positions share out
 * the width, with room on the left for the block and on the right for the output names.
 */
export function diagramLayout(width: number, hidden: number, classes = 10) {
	const top = 26;
	const height = 300;
	const bottom = height - 46;
	const span = bottom - top;
	const inputX = Math.max(24, width * 0.06);
	const inputWidth = Math.max(26, Math.min(46, width * 0.07));
	const hiddenX = width * 0.5;
	const outputX = width - Math.max(44, width * 0.12);
	const hiddenStep = span / Math.max(1, hidden - 1);
	const outputStep = Math.min(24, span / Math.max(1, classes - 1));
	const outputTop = top + (span - outputStep * (classes - 1)) / 2;
	return {
		height,
		input: { x: inputX, y: top, width: inputWidth, height: span },
		hidden: Array.from({ length: hidden }, (_, i) => ({ x: hiddenX, y: top + i * hiddenStep })),
		outputs: Array.from({ length: classes }, (_, i) => ({
			x: outputX,
			y: outputTop + i * outputStep
		})),
		radius: Math.max(2.5, Math.min(4.5, hiddenStep / 2 - 0.5)),
		labelY: bottom + 22
	};
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
