import StepParams from './StepParams.svelte';
import { Stepping } from './state.svelte';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'step',
	title: 'Step the parameters',
	summary:
		'One step of stochastic gradient descent: every weight moves a little against its gradient. Watch the maps change.',
	notebook: {
		cells: 'In [22]',
		tfjsNote:
			'Digit Lab writes the same update by hand: p.assign(p - lr * grad) for each parameter; fresh gradients each batch, so nothing needs zeroing.'
	},
	panels: [{ id: 'stepParams', component: StepParams }],
	action: {
		request: 'step',
		label: 'Step: train on the next batch',
		run: (lesson) => lesson.stepState(Stepping).take()
	},
	needs: [],
	state: Stepping
} satisfies MnistStep;
