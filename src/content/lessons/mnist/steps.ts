/**
 * The lesson "a manual linear learner, then a small neural net, on handwritten digits", step by
 * step, following the seed notebook. Prose lives in prose/*.md, the notebook's code in seed/*.py.
 */
import type { LessonStep } from '$lib/lesson/types';
import dataProse from './prose/01-data.md?raw';
import flattenProse from './prose/02-flatten.md?raw';
import initProse from './prose/03-init.md?raw';
import predictProse from './prose/04-predict.md?raw';
import lossProse from './prose/05-loss.md?raw';
import gradientProse from './prose/06-gradient.md?raw';
import stepProse from './prose/07-step.md?raw';
import trainProse from './prose/08-train.md?raw';
import accuracyProse from './prose/09-accuracy.md?raw';
import dataCode from './seed/01-data.py?raw';
import flattenCode from './seed/02-flatten.py?raw';
import initCode from './seed/03-init.py?raw';
import predictCode from './seed/04-predict.py?raw';
import lossCode from './seed/05-loss.py?raw';
import gradientCode from './seed/06-gradient.py?raw';
import stepCode from './seed/07-step.py?raw';
import trainCode from './seed/08-train.py?raw';
import accuracyCode from './seed/09-accuracy.py?raw';
import netProse from './prose/10-net.md?raw';
import trainNetProse from './prose/11-train-net.md?raw';
import overfittingProse from './prose/12-overfitting.md?raw';
import conclusionProse from './prose/13-conclusion.md?raw';
import netCode from './seed/10-net.py?raw';
import trainNetCode from './seed/11-train-net.py?raw';
import overfittingCode from './seed/12-overfitting.py?raw';
import conclusionCode from './seed/13-conclusion.py?raw';

export const STEPS: LessonStep[] = [
	{
		slug: 'data',
		number: 1,
		title: 'The data',
		prose: dataProse,
		seed: {
			cells: 'In [3], In [4]',
			code: dataCode,
			tfjsNote:
				'Digit Lab reads the four original MNIST files (60,000 + 10,000 digits) in a web worker and divides each byte by 255 when it builds a batch. (The notebook export cut the two long lines short.)'
		},
		panels: ['dataGallery', 'pixelTable', 'classCounts'],
		action: { request: 'dataSummary', label: 'Load and count the digits' },
		needs: ['data']
	},
	{
		slug: 'flatten',
		number: 2,
		title: 'Flatten and label',
		prose: flattenProse,
		seed: {
			cells: 'In [5], In [6]',
			code: flattenCode,
			tfjsNote:
				'Digit Lab keeps each image as 784 bytes in a row already; a batch becomes a tf.tensor2d of shape [batch, 784].'
		},
		panels: ['flatten'],
		action: { request: 'digits', label: 'Flatten another digit' },
		needs: ['data']
	},
	{
		slug: 'init',
		number: 3,
		title: 'Initialise the weights',
		prose: initProse,
		seed: {
			cells: 'In [18]',
			code: initCode,
			tfjsNote:
				'Digit Lab draws the same normal numbers from a seeded generator and wraps them in tf.variable, so the same seed gives the same weights.'
		},
		panels: ['weightInit'],
		action: { request: 'configure', label: 'Re-initialise the weights' },
		needs: ['weights']
	},
	{
		slug: 'predict',
		number: 4,
		title: 'Make a prediction',
		prose: predictProse,
		seed: {
			cells: 'In [19]',
			code: predictCode,
			tfjsNote: 'Digit Lab: tf.add(tf.matMul(x, weights), bias).'
		},
		panels: ['prediction'],
		action: { request: 'snapshot', label: 'Predict this digit' },
		needs: ['prediction']
	},
	{
		slug: 'loss',
		number: 5,
		title: 'Calculate the loss',
		prose: lossProse,
		seed: {
			cells: 'In [20]',
			code: lossCode,
			tfjsNote:
				'Digit Lab: the mean over the batch of -sum(oneHot(y) * tf.logSoftmax(logits)). (The export lost the docstring’s closing quotes.)'
		},
		panels: ['loss'],
		action: { request: 'evaluate', label: 'Measure the loss on the next batch' },
		needs: ['prediction', 'batchLoss']
	},
	{
		slug: 'gradient',
		number: 6,
		title: 'Calculate the gradient',
		prose: gradientProse,
		seed: {
			cells: 'In [21]',
			code: gradientCode,
			tfjsNote:
				'Digit Lab writes the backward pass out: dlogits = (tf.softmax(logits) - oneHot(y)) / B, then dW = xᵀ @ dlogits and db = the column sums of dlogits; unit tests check it against tf.grads, TensorFlow.js’s autodiff.'
		},
		panels: ['gradient'],
		action: { request: 'gradient', label: 'Forward and backward on the next batch' },
		needs: ['gradient']
	},
	{
		slug: 'step',
		number: 7,
		title: 'Step the parameters',
		prose: stepProse,
		seed: {
			cells: 'In [22]',
			code: stepCode,
			tfjsNote:
				'Digit Lab writes the same update by hand: p.assign(p - lr * grad) for each parameter; fresh gradients each batch, so nothing needs zeroing.'
		},
		panels: ['stepParams'],
		action: { request: 'step', label: 'Step: train on the next batch' },
		needs: ['weights']
	},
	{
		slug: 'train',
		number: 8,
		title: 'Train the linear learner',
		prose: trainProse,
		seed: {
			cells: 'In [22]',
			code: trainCode,
			tfjsNote:
				'Digit Lab runs the same loop in the worker; the accuracy formula is selectable: the notebook’s broadcast one, or argmax == label.'
		},
		panels: ['trainLinear'],
		action: { request: 'train', label: 'Train 20 epochs with these settings' },
		needs: ['weights']
	},
	{
		slug: 'accuracy',
		number: 9,
		title: 'Accuracy as a metric',
		prose: accuracyProse,
		seed: {
			cells: 'In [22]',
			code: accuracyCode,
			tfjsNote:
				'Digit Lab predicts all 10,000 test digits (tf.argMax of the logits) and counts them by true and predicted digit.'
		},
		panels: ['accuracy'],
		action: { request: 'confusion', label: 'Count the confusions on 10,000 test digits' },
		needs: ['confusion']
	},
	{
		slug: 'net',
		number: 10,
		title: 'Add a non-linearity',
		prose: netProse,
		seed: {
			cells: 'In [29]',
			code: netCode,
			tfjsNote:
				'Digit Lab builds the same layers by hand: relu(x @ W1 + b1) @ W2 + b2, initialised as nn.Linear does (uniform in ±1/√fan_in).'
		},
		panels: ['netIntro'],
		action: { request: 'configure', label: 'Build the net with fresh weights' },
		needs: ['data']
	},
	{
		slug: 'train-net',
		number: 11,
		title: 'Train the network',
		prose: trainNetProse,
		seed: {
			cells: 'In [33], In [35]',
			code: trainNetCode,
			tfjsNote:
				'Digit Lab trains with the same hand-written SGD step as the linear learner; fastai’s SGD with its default learning rate 1e-3 is the “seed” preset.'
		},
		panels: ['trainNet'],
		action: { request: 'train', label: 'Train the net with this preset' },
		needs: ['weights']
	},
	{
		slug: 'overfitting',
		number: 12,
		title: 'Overfitting',
		prose: overfittingProse,
		seed: {
			cells: 'In [35]',
			code: overfittingCode,
			tfjsNote:
				'Digit Lab trains the same net on a small subset of the training digits for many epochs, and measures on all 10,000 test digits after each one.'
		},
		panels: ['overfitting'],
		action: { request: 'train', label: 'Train on the small subset' },
		needs: ['weights']
	},
	{
		slug: 'conclusion',
		number: 13,
		title: 'Conclusion',
		prose: conclusionProse,
		seed: {
			cells: 'In [29], In [35]',
			code: conclusionCode,
			tfjsNote:
				'Everything in this lesson ran in your browser: a web worker with TensorFlow.js, the same maths as the notebook.'
		},
		panels: ['conclusion'],
		action: { request: 'snapshot', label: 'Ask the current model about a test digit' },
		needs: ['prediction']
	}
];

export function stepBySlug(slug: string): LessonStep | undefined {
	return STEPS.find((step) => step.slug === slug);
}
