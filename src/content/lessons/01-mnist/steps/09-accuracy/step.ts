import { hardestDigit } from './confusion';
import { OpenCell } from './state.svelte';
import type { MnistStep } from '../../shared/session';
import { aDigit } from '../../shared/words';
import { formatCount } from '$lib/formatCount';

const DIGITS = Array.from({ length: 10 }, (_, d) => ({ value: String(d), label: String(d) }));

export default {
	slug: 'accuracy',
	title: 'Accuracy as a metric',
	summary:
		'Why training follows the loss while people read accuracy, and which digits the model confuses, in a confusion matrix of 10,000 test digits.',
	notebook: {
		cells: 'In [22]',
		tfjsNote:
			'Digit Lab predicts all 10,000 test digits (tf.argMax of the logits) and counts them by true and predicted digit.'
	},
	panels: [{ id: 'accuracy', load: () => import('./Accuracy.svelte') }],
	action: {
		request: 'confusion',
		label: (lesson) => lesson.stepState(OpenCell).actionLabel(),
		run: (lesson) => lesson.stepState(OpenCell).next()
	},
	// Nothing is counted on arrival: the learner predicts first, then Run counts.
	needs: [],
	state: OpenCell,
	question: {
		prompt:
			'Which digit will the current model find hardest: the smallest share of its test digits right?',
		choices: DIGITS,
		reveal: (lesson) => {
			const confusion = lesson.stepState(OpenCell).fresh;
			const hardest = confusion ? hardestDigit(confusion.matrix) : null;
			if (!hardest) return null;
			const { digit, correct, total, accuracy, mistakenFor, times } = hardest;
			const taken = times > 0 ? `, most often read as ${mistakenFor} (${times} times)` : '';
			const reason =
				(lesson.run.position?.stepsDone ?? 0) === 0
					? 'the weights are still random, so which digit comes last is luck'
					: lesson.config.model === 'linear'
						? `one template per class cannot fit every way people write ${aDigit(digit)}`
						: `the net’s hidden units have not yet learned every way people write ${aDigit(digit)}`;
			return {
				answer: String(digit),
				why: `Only ${formatCount(correct)} of its ${formatCount(total)} test ${digit}s are right (${(accuracy * 100).toFixed(1)}%)${taken}: ${reason}.`
			};
		}
	}
} satisfies MnistStep;
