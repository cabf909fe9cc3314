import { compareSwitches, describeBest, SWITCH_KEYS } from './gains';
import { TrainSwitchesState } from './state.svelte';
import { SWITCH_NAMES } from './switches';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'train',
	title: 'Train the linear learner',
	summary:
		'Train the linear learner for 20 epochs with the notebook’s recipe, then shuffle, start small and measure right to reach about 92%.',
	notebook: {
		cells: 'In [22]',
		tfjsNote:
			'Digit Lab runs the same loop in the worker; the accuracy formula is selectable: the notebook’s broadcast one, or argmax == label.'
	},
	panels: [{ id: 'trainLinear', load: () => import('./TrainLinear.svelte') }],
	action: {
		request: 'train',
		label: (lesson) => lesson.stepState(TrainSwitchesState).actionLabel(),
		run: (lesson) => lesson.stepState(TrainSwitchesState).train()
	},
	needs: [],
	state: TrainSwitchesState,
	question: {
		prompt:
			'Which switch, on its own, helps most? The runs table answers once it holds the notebook’s recipe and each switch alone, trained for the same number of epochs.',
		choices: SWITCH_KEYS.map((key) => ({ value: key, label: SWITCH_NAMES[key] })),
		reveal: (lesson) => {
			const state = lesson.stepState(TrainSwitchesState);
			const comparison = compareSwitches(state.runs, state.epochs);
			return comparison.best
				? { answer: comparison.best.key, why: describeBest(comparison) }
				: null;
		}
	}
} satisfies MnistStep;
