/**
 * One sentence per lesson step for search results and link previews (meta description). A step
 * without one here is described by the opening of its prose, so a new step never goes without.
 */

const SUMMARIES: Record<string, string> = {
	data: 'Meet MNIST: 70,000 handwritten digits, each 28×28 = 784 pixels, in 10 classes. Load them in your browser and look at their pixels.',
	flatten:
		'Unroll each 28×28 image into a row of 784 numbers and pair it with its label: the shape a linear model reads.',
	init: 'Give a linear learner its 7,850 random parameters and see its ten weight maps, one 28×28 picture per digit.',
	predict:
		'Score a digit against each class’s weights and see which pixels push each of the ten logits up or down.',
	loss: 'Turn ten logits into probabilities with softmax and measure how wrong the model is with cross-entropy.',
	gradient:
		'Send a batch forward and backward and see the gradient: which way each of the 7,850 parameters should move.',
	step: 'One step of stochastic gradient descent: every weight moves a little against its gradient. Watch the maps change.',
	train:
		'Train the linear learner for 20 epochs with the notebook’s recipe, then shuffle, start small and measure right to reach about 92%.',
	accuracy:
		'Why training follows the loss while people read accuracy, and which digits the model confuses, in a confusion matrix of 10,000 test digits.',
	net: 'Two linear layers are still one. A ReLU between them makes a small neural net that can build each digit from several parts.',
	'train-net':
		'Train the notebook’s 784-30-10 net with its tiny learning rate, then with usual practice, and watch its 30 hidden units learn strokes.',
	overfitting:
		'Train a net on only 500 digits and watch it memorise them: the training loss keeps falling while the test loss turns and climbs.',
	conclusion:
		'What the lesson showed: a network can represent almost anything, and stochastic gradient descent finds its weights. Then draw your own digit.'
};

/** The longest description we write; search results cut longer ones mid-sentence. */
export const MAX_DESCRIPTION = 160;

/** Markdown and TeX to plain words: the first paragraph that is prose, cut at a word. */
export function proseSummary(markdown: string, max = MAX_DESCRIPTION): string {
	const paragraph =
		markdown
			.split(/\n\s*\n/)
			.map((block) => block.trim())
			.find((block) => block !== '' && !/^(#|\$\$|\||```|-\s)/.test(block)) ?? '';
	const plain = paragraph
		.replace(/\$\$[\s\S]*?\$\$/g, '')
		.replace(/\$([^$]*)\$/g, '$1')
		.replace(/\\[a-zA-Z]+\s*/g, '')
		.replace(/[{}]/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_`]/g, '')
		.replace(/\s+/g, ' ')
		.replace(/:$/, '.')
		.trim();
	if (plain.length <= max) return plain;
	const cut = plain.slice(0, max - 1);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[,;:.]$/, '')}…`;
}

export function stepSummary(slug: string, prose: string): string {
	return SUMMARIES[slug] ?? proseSummary(prose);
}
