/**
 * Which training digits the run takes, worked out on the page from the 60,000 training labels:
 * the digits of any batch (the engine only hands over the next one) and more examples of each
 * class for step 1's gallery. The orders come from the engine's own data code (data/dataset.ts),
 * so a batch here is exactly the batch the engine trains on. Pure functions, tested in node.
 */
import type { BatchOrder } from '$lib/engine/config';
import { CLASSES } from '$lib/engine/config';
import { sequentialOrder, shuffledOrder } from '$lib/data/dataset';

/** The parts of a recipe that decide which digits a batch holds. */
export interface OrderRecipe {
	order: BatchOrder;
	seed: number;
	batchSize: number;
	/** 0: all training digits; otherwise the first trainSubset in file order. */
	trainSubset: number;
}

/** How many training digits the run uses. */
export function trainCountOf(labels: ArrayLike<number>, recipe: OrderRecipe): number {
	return recipe.trainSubset > 0 ? Math.min(recipe.trainSubset, labels.length) : labels.length;
}

/** The class-ordered indices, made once per label array and count (10 passes over 60,000). */
const sequentialCache = new WeakMap<Uint8Array, Map<number, Uint32Array>>();

function sequential(labels: Uint8Array, count: number): Uint32Array {
	let byCount = sequentialCache.get(labels);
	if (!byCount) sequentialCache.set(labels, (byCount = new Map()));
	let order = byCount.get(count);
	if (!order) byCount.set(count, (order = sequentialOrder(labels, count)));
	return order;
}

/**
 * File indices of the digits in batch `inEpoch` (0-based) of epoch `epoch` (0-based), as the
 * engine's run takes them: the notebook's class order, or the epoch's seeded shuffle.
 */
export function batchIndices(
	labels: Uint8Array,
	recipe: OrderRecipe,
	epoch: number,
	inEpoch: number
): number[] {
	const count = trainCountOf(labels, recipe);
	const order =
		recipe.order === 'sequential'
			? sequential(labels, count)
			: shuffledOrder(count, recipe.seed, epoch);
	const start = Math.min(inEpoch * recipe.batchSize, count);
	const end = Math.min(start + recipe.batchSize, count);
	return Array.from(order.subarray(start, end));
}

/**
 * The `from`-th to (from + perClass - 1)-th digit of each class in file order (0-based), class by
 * class: `from` 0 gives the dataSummary's first ten of each, 10 the next ten, and so on. A class
 * with fewer digits gives what it has.
 */
export function classExamples(labels: ArrayLike<number>, from: number, perClass = 10): number[][] {
	const seen = new Array<number>(CLASSES).fill(0);
	const out: number[][] = Array.from({ length: CLASSES }, () => []);
	for (let i = 0; i < labels.length; i++) {
		const c = labels[i];
		const k = seen[c]++;
		if (k >= from && k < from + perClass) out[c].push(i);
	}
	return out;
}
