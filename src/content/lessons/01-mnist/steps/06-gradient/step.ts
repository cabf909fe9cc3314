import { repeat } from '$lib/lesson/actions';
import Gradient from './Gradient.svelte';
import { gradient } from '../../shared/needs';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'gradient',
	title: 'Calculate the gradient',
	summary:
		'Send a batch forward and backward and see the gradient: which way each of the 7,850 parameters should move.',
	notebook: {
		cells: 'In [21]',
		tfjsNote:
			'Digit Lab: tf.variableGrads(() => crossEntropy(model(x), y)) returns the loss and dL/dp for every parameter.'
	},
	panels: [{ id: 'gradient', component: Gradient }],
	action: repeat(gradient, 'gradient', 'Forward and backward on the next batch'),
	needs: [gradient]
} satisfies MnistStep;
