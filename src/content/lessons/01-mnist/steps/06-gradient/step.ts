import { gradient } from '../../shared/needs';
import { nextLookPlace, nextTrainedPlace, placeWords } from '../../shared/lookAhead';
import type { Mnist, MnistStep } from '../../shared/session';
import { CLASSES, IMAGE_SIDE, PIXELS } from '$lib/engine/config';
import { matrixOf } from '$lib/readout';
import { paintedRegion } from './gradient';

/** The batch the next press computes, in words (the net's is always training's next batch). */
function nextBatch(lesson: Mnist): string {
	const linear = lesson.config.model === 'linear';
	const place = linear
		? nextLookPlace(lesson.shared.gradient, lesson.run)
		: nextTrainedPlace(lesson.run);
	return placeWords(lesson, place);
}

export default {
	slug: 'gradient',
	title: 'Calculate the gradient',
	summary:
		'Send a batch forward and backward and see the gradient: which way each of the 7,850 parameters should move.',
	notebook: {
		cells: 'In [21]',
		tfjsNote:
			'Digit Lab writes the backward pass out: dlogits = (softmax(logits) - oneHot(y)) / B, then dW = xᵀ @ dlogits and db = the column sums of dlogits; unit tests check it against tf.grads, TensorFlow.js’s autodiff. Without a GPU, x @ W and xᵀ @ dlogits skip the black pixels: a small WebAssembly kernel reads only the ~150 inked pixels of each digit.'
	},
	panels: [{ id: 'gradient', load: () => import('./Gradient.svelte') }],
	action: {
		request: 'gradient',
		label: (lesson) => `Compute the gradient of ${nextBatch(lesson)}`,
		run: (lesson) => lesson.shared.computeGradient()
	},
	needs: [gradient],
	question: {
		prompt: (lesson) => `Which pixels will the gradient maps of ${nextBatch(lesson)} colour?`,
		choices: [
			{ value: 'border', label: 'only the border' },
			{ value: 'ink', label: 'where its digits have ink' },
			{ value: 'all', label: 'all 784 pixels' }
		],
		reveal: ({ shared }) => {
			const look = shared.gradient;
			const grad = matrixOf(look?.gradients);
			if (!look || !grad || grad.rows !== PIXELS || grad.cols !== CLASSES) return null;
			const { region, painted, blank } = paintedRegion(grad.values, IMAGE_SIDE, CLASSES);
			return {
				answer: region,
				why: `${painted} of 784 pixels have a gradient and ${blank} stay white: those are 0 in all ${look.size} digits of batch ${look.place.number}, and each digit adds x × (p − y) to a weight's gradient, which is 0 where its pixel x is 0.`
			};
		}
	}
} satisfies MnistStep;
