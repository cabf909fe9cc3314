/**
 * Training curves as chart points: thousands of batch losses thinned to what a chart can show,
 * on an epoch axis (batch / batches per epoch), and one point per epoch of a metric.
 */
import type { EpochMetrics } from '$lib/engine/protocol';
import type { LossPoint } from '$lib/state/run.svelte';

export interface Point {
	x: number;
	y: number;
}

/** At most about `max` evenly spaced batch losses, x in epochs. */
export function batchLossPoints(
	losses: LossPoint[],
	batchesPerEpoch: number,
	max: number
): Point[] {
	const every = Math.max(1, Math.ceil(losses.length / max));
	return losses
		.filter((_, i) => i % every === 0)
		.map((p) => ({ x: p.step / Math.max(1, batchesPerEpoch), y: p.loss }));
}

/** One point per finished epoch: its number and this metric. */
export function perEpoch(
	epochs: EpochMetrics[],
	key: 'trainLoss' | 'validLoss' | 'validAccuracy' | 'exactAccuracy'
): Point[] {
	return epochs.map((m) => ({ x: m.epoch, y: m[key] }));
}
