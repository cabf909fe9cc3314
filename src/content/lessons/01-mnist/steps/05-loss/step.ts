import { repeat } from '$lib/lesson/actions';
import Loss from './Loss.svelte';
import { batchLoss, prediction } from '../../shared/needs';
import type { MnistStep } from '../../shared/session';

export default {
	slug: 'loss',
	title: 'Calculate the loss',
	summary:
		'Turn ten logits into probabilities with softmax and measure how wrong the model is with cross-entropy.',
	notebook: {
		cells: 'In [20]',
		tfjsNote:
			'Digit Lab: the mean over the batch of -sum(oneHot(y) * tf.logSoftmax(logits)). (The export lost the docstring’s closing quotes.)'
	},
	panels: [{ id: 'loss', component: Loss }],
	action: repeat(batchLoss, 'evaluate', 'Measure the loss on the next batch'),
	needs: [prediction, batchLoss]
} satisfies MnistStep;
