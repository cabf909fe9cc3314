import { firstInk, INK_BANDS, inkBand, nextFocus } from './unroll';
import type { Mnist, MnistStep } from '../../shared/session';
import { digitAt } from '$lib/readout';

/** "a 1 (training image 3)": the digit the next press flattens. */
function nextDigit({ shared }: Mnist): string {
	const { gallery, galleryIndices } = shared;
	if (!gallery) return 'another digit';
	const k = nextFocus(shared.focus, gallery.labels.length);
	return `a ${gallery.labels[k]} (training image ${galleryIndices[k]})`;
}

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
	panels: [{ id: 'flatten', load: () => import('./Flatten.svelte') }],
	action: {
		request: 'digits',
		label: (lesson) => `Flatten ${nextDigit(lesson)}`,
		run: async ({ shared }) => {
			if (!shared.gallery) await shared.loadSummary();
			if (shared.gallery) shared.focus = nextFocus(shared.focus, shared.gallery.labels.length);
		}
	},
	needs: [],
	question: {
		prompt: (lesson) =>
			`Flattening ${nextDigit(lesson)}: where in its row of 784 will its first ink pixel land?`,
		choices: INK_BANDS.map(({ value, label }) => ({ value, label })),
		reveal: ({ shared }) => {
			const { gallery } = shared;
			if (!gallery) return null;
			const ink = firstInk(digitAt(gallery.pixels, shared.focus));
			if (!ink) return null;
			const { position, row, column } = ink;
			return {
				answer: inkBand(row),
				why: `The ${gallery.labels[shared.focus]}'s first ink is at position ${position} = row ${row} × 28 + column ${column}: its top ${row} rows are blank, so the first ${row * 28} numbers of its row are zeros (MNIST centres each digit in a 20 × 20 box).`
			};
		}
	}
} satisfies MnistStep;
