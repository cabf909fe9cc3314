/**
 * Step 7's state: the learning rate and the class the panel shows, the last step taken (weights
 * before, the gradients it used, weights after) and the trace of every step so far.
 */
import type { StepReport, TensorSnapshot } from '$lib/engine/protocol';
import type { Mnist } from '../../shared/session';

export interface StepView {
	/** Weights before the step, the gradients it used, and the weights after it. */
	before: TensorSnapshot[];
	gradients: TensorSnapshot[];
	after: TensorSnapshot[];
	report: StepReport;
}

export class Stepping {
	lr = $state(0.1);
	/** The class (column of W) the maps show. */
	cls = $state(0);
	view = $state.raw<StepView | null>(null);
	trace = $state.raw<StepReport[]>([]);

	constructor(private readonly lesson: Mnist) {}

	/** One SGD step on the next batch with this lr, keeping the weights from before and after. */
	async take(): Promise<void> {
		const { run, shared } = this.lesson;
		await run.refreshWeights();
		const before = run.weights;
		const report = await run.call('step', { lr: this.lr, report: true });
		const after = await run.call('snapshot', { weights: true, gradients: true });
		if (!before || !report || !after?.weights || !after.gradients) return;
		run.weights = after.weights;
		this.view = { before, gradients: after.gradients, after: after.weights, report };
		this.trace = [...this.trace, report];
		// The weights moved: the batch loss, gradient and confusions shown elsewhere are stale.
		shared.gradient = shared.batchLoss = shared.confusion = null;
		await shared.predictSelected();
	}

	/** A new run's weights were never stepped. */
	clearResults(): void {
		this.view = null;
		this.trace = [];
	}
}
