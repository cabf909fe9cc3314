import { repeat } from '$lib/lesson/actions';
import DataGallery from './DataGallery.svelte';
import PixelTable from './PixelTable.svelte';
import ClassCounts from './ClassCounts.svelte';
import { digitsLoaded } from '../../shared/needs';
import type { MnistStep } from '../../shared/session';

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
		{ id: 'dataGallery', component: DataGallery },
		{ id: 'pixelTable', component: PixelTable },
		{ id: 'classCounts', component: ClassCounts }
	],
	action: repeat(digitsLoaded, 'dataSummary', 'Load and count the digits'),
	needs: []
} satisfies MnistStep;
