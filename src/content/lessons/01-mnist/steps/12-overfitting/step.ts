import Overfitting from './Overfitting.svelte';
import { OverfitRun } from './state.svelte';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'overfitting',
	title: 'Overfitting',
	summary:
		'Train a net on only 500 digits and watch it memorise them: the training loss keeps falling while the test loss turns and climbs.',
	notebook: {
		cells: 'In [35]',
		tfjsNote:
			'Digit Lab trains the same net on a small subset of the training digits for many epochs, and measures on all 10,000 test digits after each one.'
	},
	panels: [{ id: 'overfitting', component: Overfitting }],
	action: {
		request: 'train',
		label: 'Train on the small subset',
		run: (lesson) => lesson.stepState(OverfitRun).train()
	},
	needs: [],
	state: OverfitRun
} satisfies MnistStep;
