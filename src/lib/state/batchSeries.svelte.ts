/**
 * The per-batch numbers of a run as the page shows them: batch losses and gradient norms. Each
 * message from the worker appends to typed arrays (constant cost however long the run), and the
 * bounded chart views are rebuilt at most once per animation frame, so a run with batches of 1
 * cannot flood the page. `all()` gives the whole curve for exports.
 */
import type { EngineEvent } from '../engine/protocol';
import { StepSeries } from './series';

export interface LossPoint {
	step: number;
	loss: number;
}

export interface NormRow {
	step: number;
	norms: number[];
}

type LossesEvent = Extract<EngineEvent, { type: 'losses' }>;

const nextFrame = (work: () => void): void => {
	if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => work());
	else setTimeout(work, 16);
};

export class BatchSeries {
	/** At most CHART_POINTS + 1 losses, evenly spaced, the newest exact. */
	losses = $state.raw<LossPoint[]>([]);
	norms = $state.raw<NormRow[]>([]);
	/** Which parameter each gradient norm belongs to. */
	paramNames = $state.raw<string[]>([]);

	private readonly lossSeries = new StepSeries(1);
	private readonly normSeries = new StepSeries(1);
	private framePending = false;

	receive(event: LossesEvent): void {
		const width = event.paramNames.length;
		if (event.paramNames.join() !== this.paramNames.join()) {
			this.paramNames = event.paramNames;
			this.normSeries.clear(width);
		}
		this.lossSeries.append(event.firstStep, event.values);
		if (width > 0) this.normSeries.append(event.firstStep, event.gradNorms);
		if (this.framePending) return;
		this.framePending = true;
		nextFrame(() => this.publish());
	}

	/** A fresh run: nothing to show. */
	clear(): void {
		this.lossSeries.clear();
		this.normSeries.clear();
		this.publish();
	}

	/** Replaces the loss curve (an imported model file brings its own). */
	setLosses(points: readonly LossPoint[]): void {
		this.lossSeries.clear();
		this.lossSeries.appendRows(
			points.map((p) => p.step),
			points.map((p) => p.loss)
		);
		this.publish();
	}

	/** A saved run's loss curve (its gradient norms were not kept: their chart starts again). */
	restore(steps: ArrayLike<number>, values: ArrayLike<number>): void {
		this.lossSeries.clear();
		this.normSeries.clear();
		this.lossSeries.appendRows(steps, values);
		this.publish();
	}

	/** Every batch loss, oldest first, as steps and values (for exports and saving). */
	all(): { steps: Float64Array; values: Float32Array } {
		return this.lossSeries.copy();
	}

	private publish(): void {
		this.framePending = false;
		const l = this.lossSeries;
		const n = this.normSeries;
		this.losses = l.sample().map((i) => ({ step: l.stepAt(i), loss: l.valueAt(i) }));
		this.norms = n.sample().map((i) => ({ step: n.stepAt(i), norms: n.row(i) }));
	}
}
