import TrainLinear from './TrainLinear.svelte';
import { TrainSwitchesState } from './state.svelte';
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
	panels: [{ id: 'trainLinear', component: TrainLinear }],
	action: {
		request: 'train',
		label: 'Train 20 epochs with these settings',
		run: (lesson) => lesson.stepState(TrainSwitchesState).train()
	},
	needs: [],
	state: TrainSwitchesState
} satisfies MnistStep;
