import { linearReference, revealBeat, VERDICT_CHOICES } from './compare';
import { isNetRun } from './presets';
import { NetPresetChoice } from './state.svelte';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'train-net',
	title: 'Train the network',
	summary:
		'Train the notebook’s 784-30-10 net with its tiny learning rate, then with usual practice, and watch its 30 hidden units learn strokes.',
	notebook: {
		cells: 'In [33], In [35]',
		tfjsNote:
			'Digit Lab trains with the same hand-written SGD step as the linear learner; fastai’s SGD with its default learning rate 1e-3 is the “notebook’s recipe” preset.'
	},
	panels: [{ id: 'trainNet', load: () => import('./TrainNet.svelte') }],
	action: {
		request: 'train',
		label: (lesson) => lesson.stepState(NetPresetChoice).actionLabel(),
		run: (lesson) => lesson.stepState(NetPresetChoice).train()
	},
	needs: [],
	state: NetPresetChoice,
	question: {
		prompt: (lesson) =>
			`Will the net you train next (exact accuracy on the 10,000 test digits) beat ${linearReference(lesson.shared.runs).words}?`,
		choices: VERDICT_CHOICES,
		reveal: (lesson) => {
			const state = lesson.stepState(NetPresetChoice);
			const last = lesson.shared.runs.at(-1);
			if (!last || !isNetRun(last.config) || state.before.includes(last)) return null;
			return revealBeat(last, state.before);
		}
	}
} satisfies MnistStep;
