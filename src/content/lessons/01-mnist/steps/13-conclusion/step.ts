import { repeat } from '$lib/lesson/actions';
import Conclusion from './Conclusion.svelte';
import { prediction } from '../../shared/needs';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'conclusion',
	title: 'Conclusion',
	summary:
		'What the lesson showed: a network can represent almost anything, and stochastic gradient descent finds its weights. Then draw your own digit.',
	notebook: {
		cells: 'In [29], In [35]',
		tfjsNote:
			'Everything in this lesson ran in your browser: a web worker with TensorFlow.js, the same maths as the notebook.'
	},
	panels: [{ id: 'conclusion', component: Conclusion }],
	action: repeat(prediction, 'snapshot', 'Ask the current model about a test digit'),
	needs: [prediction]
} satisfies MnistStep;
