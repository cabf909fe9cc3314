import { BLANK_BANDS, blankBand, blankPixels, galleryRange } from './gallery';
import { GALLERY_PER_CLASS } from '../../shared/state.svelte';
import type { MnistStep } from '../../shared/session';
import { digitAt } from '$lib/readout';
import { formatPercent } from '$lib/viz/scales';

export default {
	slug: 'data',
	title: 'The data',
	summary:
		'Meet MNIST: 70,000 handwritten digits, each 28×28 = 784 pixels, in 10 classes. Load them in your browser and look at their pixels.',
	preview: 'digits',
	notebook: {
		cells: 'In [3], In [4]',
		tfjsNote:
			'Digit Lab reads the four original MNIST files (60,000 + 10,000 digits) in a web worker and divides each byte by 255 when it builds a batch. (The notebook export cut the two long lines short.)'
	},
	panels: [
		{ id: 'dataGallery', load: () => import('./DataGallery.svelte') },
		{ id: 'pixelTable', load: () => import('./PixelTable.svelte') },
		{ id: 'classCounts', load: () => import('./ClassCounts.svelte') }
	],
	action: {
		request: 'digits',
		label: ({ shared }) =>
			`Show the next ten of each digit (${galleryRange(shared.galleryFrom + GALLERY_PER_CLASS)})`,
		run: ({ shared }) => shared.showMoreDigits()
	},
	needs: [],
	question: {
		prompt: ({ shared }) => {
			const label = shared.gallery?.labels[shared.focus];
			const which = label === undefined ? 'the chosen digit' : `the next ${label}`;
			return `The pixel table will show ${which}: how many of its 784 pixels are pure background (exactly 0)?`;
		},
		choices: BLANK_BANDS.map(({ value, label }) => ({ value, label })),
		reveal: ({ shared }) => {
			const { gallery, galleryIndices, focus } = shared;
			if (!gallery) return null;
			const blank = blankPixels(digitAt(gallery.pixels, focus));
			return {
				answer: blankBand(blank),
				why: `This ${gallery.labels[focus]} (training image ${galleryIndices[focus]}) has ${blank} pixels at 0 and ${784 - blank} with ink: ${formatPercent(blank / 784, 0)} of a digit is empty paper, which is why step 6's gradient leaves the border white.`
			};
		}
	}
} satisfies MnistStep;
