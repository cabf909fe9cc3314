import { ConclusionState, type AskedDigit } from './state.svelte';
import type { MnistPreparation, MnistStep } from '../../shared/session';
import { aDigit } from '../../shared/words';
import { formatCount } from '$lib/formatCount';

const DIGITS = Array.from({ length: 10 }, (_, d) => ({ value: String(d), label: String(d) }));

/** Opening step 13: the best model (or the chosen one) loaded, a first digit to ask about. */
const modelReady: MnistPreparation = {
	says: 'loaded your best model and picked a test digit to ask it about',
	done: (lesson) => lesson.stepState(ConclusionState).ready(),
	run: (lesson) => lesson.stepState(ConclusionState).prepare()
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One sentence with the model's own numbers: what it read, how sure, and how often it errs. */
function why(a: AskedDigit): string {
	const said = `${a.model} read test digit #${a.index}, ${aDigit(a.label)}, as ${a.predicted} with ${pct(a.probability)}`;
	if (!a.trained) return `${said}: its weights are still random, so its answers are guesses.`;
	if (a.accuracy === null) return `${said}: ${a.predicted === a.label ? 'right' : 'a mistake'}.`;
	const wrong = formatCount(Math.round((1 - a.accuracy) * 10_000));
	return a.predicted === a.label
		? `${said}: right, as for ${pct(a.accuracy)} of the 10,000 test digits.`
		: `${said}: one of its ${wrong} mistakes on the 10,000 test digits (${pct(a.accuracy)} right).`;
}

export default {
	slug: 'conclusion',
	title: 'Conclusion',
	summary:
		'What the lesson showed: a network can represent almost anything, and stochastic gradient descent finds its weights. Then draw your own digit.',
	notebook: {
		cells: 'In [29], In [35]',
		tfjsNote:
			'Everything in this lesson ran in your browser: a web worker with TensorFlow.js (and, without a GPU, a small WebAssembly kernel for the first layer’s products), the same maths as the notebook.'
	},
	panels: [{ id: 'conclusion', load: () => import('./Conclusion.svelte') }],
	action: {
		request: 'snapshot',
		label: (lesson) => {
			const next = lesson.stepState(ConclusionState).next;
			return next
				? `Show what the model reads in test digit #${next.index}`
				: 'Show what the model reads in a test digit';
		},
		run: (lesson) => lesson.stepState(ConclusionState).ask()
	},
	needs: [modelReady],
	state: ConclusionState,
	question: {
		prompt: (lesson) => {
			const state = lesson.stepState(ConclusionState);
			const digit = state.next
				? `test digit #${state.next.index}, the ${state.next.label} shown`
				: 'the next test digit';
			return `What will ${state.modelName} read in ${digit}?`;
		},
		choices: DIGITS,
		reveal: (lesson) => {
			const asked = lesson.stepState(ConclusionState).asked;
			return asked ? { answer: String(asked.predicted), why: why(asked) } : null;
		}
	}
} satisfies MnistStep;
