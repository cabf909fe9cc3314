import { Stepping } from './state.svelte';
import { formatLoss, formatLossChange, trainedBatchPlace } from '../../shared/batches';
import { nextTrainedPlace, placeWords } from '../../shared/lookAhead';
import type { Mnist, MnistStep } from '../../shared/session';

/** "batch 1 of 235 (all 0s)": the batch the next step trains on. */
const nextBatch = (lesson: Mnist) => placeWords(lesson, nextTrainedPlace(lesson.run));

export default {
	slug: 'step',
	title: 'Step the parameters',
	summary:
		'One step of stochastic gradient descent: every weight moves a little against its gradient. Watch the maps change.',
	notebook: {
		cells: 'In [22]',
		tfjsNote:
			'Digit Lab writes the same update by hand: p.assign(p - lr * grad) for each parameter; fresh gradients each batch, so nothing needs zeroing.'
	},
	panels: [{ id: 'stepParams', load: () => import('./StepParams.svelte') }],
	action: {
		request: 'step',
		label: (lesson) => `Step on ${nextBatch(lesson)} with lr ${lesson.stepState(Stepping).lr}`,
		run: (lesson) => lesson.stepState(Stepping).take()
	},
	needs: [],
	state: Stepping,
	question: {
		prompt: (lesson) =>
			`With lr ${lesson.stepState(Stepping).lr}, will the loss of ${nextBatch(lesson)} go down or up after one step on it?`,
		choices: [
			{ value: 'down', label: 'down' },
			{ value: 'up', label: 'up' }
		],
		reveal: (lesson) => {
			const report = lesson.stepState(Stepping).view?.report;
			if (!report || report.lossBefore === null || report.lossAfter === null) return null;
			const [before, after] = [report.lossBefore, report.lossAfter];
			const up = after > before;
			return {
				answer: up ? 'up' : 'down',
				why: `Batch ${trainedBatchPlace(report.position).number}'s loss went from ${formatLoss(before)} to ${formatLoss(after)} (${formatLossChange(before, after)}): ${up ? `with lr ${report.lr} the step overshot the valley and climbed its other side` : `a step of lr ${report.lr} against the gradient went downhill`}.`
			};
		}
	}
} satisfies MnistStep;
