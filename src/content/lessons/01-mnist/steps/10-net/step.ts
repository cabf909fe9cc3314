import NetIntro from './NetIntro.svelte';
import { NOTEBOOK_RECIPE } from '../../notebook';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'net',
	title: 'Add a non-linearity',
	summary:
		'Two linear layers are still one. A ReLU between them makes a small neural net that can build each digit from several parts.',
	notebook: {
		cells: 'In [29]',
		tfjsNote:
			'Digit Lab builds the same layers by hand: relu(x @ W1 + b1) @ W2 + b2, initialised as nn.Linear does (uniform in ±1/√fan_in).'
	},
	panels: [{ id: 'netIntro', component: NetIntro }],
	action: {
		request: 'configure',
		label: 'Build the net with fresh weights',
		// The notebook's simple_net with fresh weights from the current seed.
		run: (lesson) =>
			lesson.reinitialise({ ...NOTEBOOK_RECIPE, model: 'mlp', seed: lesson.config.seed })
	},
	needs: []
} satisfies MnistStep;
