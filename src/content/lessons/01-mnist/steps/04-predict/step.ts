import { prediction } from '../../shared/needs';
import type { Mnist, MnistStep } from '../../shared/session';
import { argmax } from '$lib/readout';
import { formatScore } from '$lib/viz/scales';

/** "test digit #17 (a 7)": the one the next press predicts. */
function nextDigit(lesson: Mnist): string {
	const next = lesson.shared.nextTest;
	return next ? `test digit #${next.index}, a ${next.label}` : 'the next test digit';
}

const DIGITS = Array.from({ length: 10 }, (_, d) => ({ value: String(d), label: String(d) }));

export default {
	slug: 'predict',
	title: 'Make a prediction',
	summary:
		'Score a digit against each class’s weights and see which pixels push each of the ten logits up or down.',
	notebook: {
		cells: 'In [19]',
		tfjsNote: 'Digit Lab: tf.add(tf.matMul(x, weights), bias).'
	},
	panels: [{ id: 'prediction', load: () => import('./Prediction.svelte') }],
	action: {
		request: 'snapshot',
		label: (lesson) => `Predict ${nextDigit(lesson)}`,
		run: async ({ shared }) => {
			const next = shared.nextTest;
			if (next) await shared.predictSelected(next.index);
		}
	},
	needs: [prediction],
	question: {
		prompt: (lesson) => {
			const trained = (lesson.run.position?.stepsDone ?? 0) > 0;
			return `Which digit will the ${trained ? 'model' : 'untrained model'} pick for ${nextDigit(lesson)}?`;
		},
		choices: DIGITS,
		reveal: ({ shared, run }) => {
			const digit = shared.digit;
			if (!digit) return null;
			const picked = argmax(digit.logits);
			const z = (c: number) => formatScore(digit.logits[c]);
			const right = picked === digit.label;
			const untrained = (run.position?.stepsDone ?? 0) === 0;
			const verdict = right
				? 'the true digit'
				: `against ${z(digit.label)} for the true ${digit.label}`;
			const reason = untrained
				? `: ${right ? 'luck, since ' : ''}with random weights the winner is arbitrary, right about one time in ten`
				: '';
			return {
				answer: String(picked),
				why: `For test digit #${digit.index}, a ${digit.label}, the largest logit is ${picked}'s, ${z(picked)}, ${verdict}${reason}.`
			};
		}
	}
} satisfies MnistStep;
