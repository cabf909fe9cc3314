/**
 * What the lesson takes from its notebook: the recipe of its linear learner, and the accuracy it
 * printed after each of its 20 epochs, with helpers to compare a run's own accuracies with that
 * curve. The learner's first run uses the same recipe, so the two curves should track each
 * other: that is how they know Digit Lab really reproduces the notebook.
 */
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';

/** The notebook's recipe for the linear learner: the lesson's run starts as this. */
export const NOTEBOOK_RECIPE: RunConfig = {
	model: 'linear',
	lr: 0.1,
	batchSize: 256,
	epochs: 20,
	initStd: 1,
	hidden: 30,
	order: 'sequential',
	seed: 1,
	accuracy: 'notebook',
	trainSubset: 0
};

/** What `print(validate_epoch(matrix_x))` wrote after epochs 1 to 20 (rounded to 4 places). */
export const NOTEBOOK_CURVE: readonly number[] = [
	0.1763, 0.2779, 0.3708, 0.436, 0.4744, 0.5022, 0.5237, 0.5437, 0.5571, 0.5701, 0.5803, 0.5882,
	0.5981, 0.605, 0.6114, 0.6168, 0.6223, 0.628, 0.6332, 0.6374
];

export interface CurvePoint {
	/** 1-based epoch. */
	x: number;
	y: number;
}

/** The notebook's curve as chart points: epoch 1 to 20. */
export function notebookCurvePoints(): CurvePoint[] {
	return NOTEBOOK_CURVE.map((y, i) => ({ x: i + 1, y }));
}

export type AccuracyKey = 'validAccuracy' | 'exactAccuracy' | 'notebookAccuracy';

export interface NotebookComparison {
	/** Epochs that both the run and the notebook have. */
	compared: number;
	/** Largest |run - notebook| over those epochs; NaN when there are none. */
	maxGap: number;
	/** The run's last compared accuracy minus the notebook's at the same epoch. */
	lastGap: number;
}

/**
 * How closely a run follows the notebook, epoch by epoch. A run of the notebook's recipe should stay
 * within a few points; only the random numbers differ (PyTorch's vs ours).
 */
export function compareToNotebook(
	epochs: readonly EpochMetrics[],
	key: AccuracyKey = 'validAccuracy'
): NotebookComparison {
	let compared = 0;
	let maxGap = NaN;
	let lastGap = NaN;
	for (const m of epochs) {
		const printed = NOTEBOOK_CURVE[m.epoch - 1];
		if (printed === undefined || !Number.isFinite(m[key])) continue;
		const gap = m[key] - printed;
		compared++;
		maxGap = Number.isNaN(maxGap) ? Math.abs(gap) : Math.max(maxGap, Math.abs(gap));
		lastGap = gap;
	}
	return { compared, maxGap, lastGap };
}
