import Flatten from './Flatten.svelte';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'flatten',
	title: 'Flatten and label',
	summary:
		'Unroll each 28×28 image into a row of 784 numbers and pair it with its label: the shape a linear model reads.',
	preview: 'digits',
	notebook: {
		cells: 'In [5], In [6]',
		tfjsNote:
			'Digit Lab keeps each image as 784 bytes in a row already; a batch becomes a tf.tensor2d of shape [batch, 784].'
	},
	panels: [{ id: 'flatten', component: Flatten }],
	action: {
		request: 'digits',
		label: 'Flatten another digit',
		run: async ({ shared }) => {
			// Another digit: the next class's first example.
			if (!shared.gallery) await shared.loadSummary();
			shared.focus = (shared.focus + 10) % 100;
		}
	},
	needs: []
} satisfies MnistStep;
