import { repeat } from '$lib/lesson/actions';
import Prediction from './Prediction.svelte';
import { prediction } from '../../shared/needs';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'predict',
	title: 'Make a prediction',
	summary:
		'Score a digit against each class’s weights and see which pixels push each of the ten logits up or down.',
	notebook: {
		cells: 'In [19]',
		tfjsNote: 'Digit Lab: tf.add(tf.matMul(x, weights), bias).'
	},
	panels: [{ id: 'prediction', component: Prediction }],
	action: repeat(prediction, 'snapshot', 'Predict this digit'),
	needs: [prediction]
} satisfies MnistStep;
