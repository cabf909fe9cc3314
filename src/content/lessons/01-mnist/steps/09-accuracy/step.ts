import { repeat } from '$lib/lesson/actions';
import Accuracy from './Accuracy.svelte';
import { OpenCell } from './state.svelte';
import { confusion } from '../../shared/needs';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'accuracy',
	title: 'Accuracy as a metric',
	summary:
		'Why training follows the loss while people read accuracy, and which digits the model confuses, in a confusion matrix of 10,000 test digits.',
	notebook: {
		cells: 'In [22]',
		tfjsNote:
			'Digit Lab predicts all 10,000 test digits (tf.argMax of the logits) and counts them by true and predicted digit.'
	},
	panels: [{ id: 'accuracy', component: Accuracy }],
	action: repeat(confusion, 'confusion', 'Count the confusions on 10,000 test digits'),
	needs: [confusion],
	state: OpenCell
} satisfies MnistStep;
