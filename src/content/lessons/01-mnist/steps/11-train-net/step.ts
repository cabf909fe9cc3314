import TrainNet from './TrainNet.svelte';
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
	panels: [{ id: 'trainNet', component: TrainNet }],
	action: {
		request: 'train',
		label: 'Train the net with this preset',
		run: (lesson) => lesson.stepState(NetPresetChoice).train()
	},
	needs: [],
	state: NetPresetChoice
} satisfies MnistStep;
