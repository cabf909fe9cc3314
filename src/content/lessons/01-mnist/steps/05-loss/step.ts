import { batchLoss, prediction } from '../../shared/needs';
import { formatLoss, formatProbability, LN10 } from '../../shared/batches';
import { nextLookPlace, placeWords } from '../../shared/lookAhead';
import type { Mnist, MnistStep } from '../../shared/session';

/** The batch the next press measures, in words. */
const nextBatch = (lesson: Mnist) =>
	placeWords(lesson, nextLookPlace(lesson.shared.batchLoss, lesson.run));

export default {
	slug: 'loss',
	title: 'Calculate the loss',
	summary:
		'Turn ten logits into probabilities with softmax and measure how wrong the model is with cross-entropy.',
	notebook: {
		cells: 'In [20]',
		tfjsNote:
			'Digit Lab: the mean over the batch of -sum(oneHot(y) * tf.logSoftmax(logits)). (The export lost the docstring’s closing quotes.)'
	},
	panels: [{ id: 'loss', load: () => import('./Loss.svelte') }],
	action: {
		request: 'evaluate',
		label: (lesson) => `Measure the loss of ${nextBatch(lesson)}`,
		run: (lesson) => lesson.shared.measureBatchLoss()
	},
	needs: [prediction, batchLoss],
	question: {
		prompt: (lesson) =>
			`Will the mean loss of ${nextBatch(lesson)} be above or below ln 10 ≈ 2.30, the cost of a uniform guess?`,
		choices: [
			{ value: 'above', label: 'above 2.30' },
			{ value: 'below', label: 'below 2.30' }
		],
		reveal: ({ shared }) => {
			const measured = shared.batchLoss;
			if (!measured) return null;
			const { loss, place } = measured;
			const above = loss > LN10;
			// exp(-mean loss) is the geometric mean of the probabilities the true digits got.
			const p = formatProbability(Math.exp(-loss));
			return {
				answer: above ? 'above' : 'below',
				why: `Batch ${place.number}'s mean loss is ${formatLoss(loss)}, ${above ? 'above' : 'below'} ln 10 = 2.30: on average the true digit got probability e^−${formatLoss(loss)} = ${p}, ${above ? 'less' : 'more'} than the 1 in 10 of a uniform guess${above ? ', so the model is confidently wrong' : ''}.`
			};
		}
	}
} satisfies MnistStep;
