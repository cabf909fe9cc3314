import { buildWords, nextNet, offRanges, revealOff } from './build';
import { NOTEBOOK_RECIPE } from '../../notebook';
import type { Mnist, MnistStep } from '../../shared/session';
import { aDigit } from '../../shared/words';

/** ", a 7": the chosen test digit's label, when the gallery has it. */
function selectedLabel(lesson: Mnist): string {
	const { selectedTest, testGallery } = lesson.shared;
	const k = testGallery?.indices.indexOf(selectedTest) ?? -1;
	return testGallery && k >= 0 ? `, ${aDigit(testGallery.digits.labels[k])}` : '';
}

export default {
	slug: 'net',
	title: 'Add a non-linearity',
	summary:
		'Two linear layers are still one. A ReLU between them makes a small neural net that can build each digit from several parts.',
	notebook: {
		cells: 'In [29]',
		tfjsNote:
			'Digit Lab builds the same layers by hand: relu(x @ W1 + b1) @ W2 + b2, initialised as nn.Linear does (uniform in ±1/√fan_in).'
	},
	panels: [{ id: 'netIntro', load: () => import('./NetIntro.svelte') }],
	action: {
		request: 'configure',
		label: (lesson) => buildWords(lesson.config),
		// The notebook's simple_net with fresh weights: the run's seed, then the next one.
		run: (lesson) => lesson.reinitialise(nextNet(lesson.config))
	},
	needs: [],
	question: {
		prompt: (lesson) =>
			`Once Run builds the net from seed ${nextNet(lesson.config).seed}, how many of its ${NOTEBOOK_RECIPE.hidden} hidden units will ReLU switch off (make exactly 0) for test digit #${lesson.shared.selectedTest}${selectedLabel(lesson)}?`,
		choices: offRanges(NOTEBOOK_RECIPE.hidden),
		reveal: (lesson) => {
			const digit = lesson.shared.digit;
			if (lesson.config.model !== 'mlp' || !digit) return null;
			return revealOff(digit, lesson.config.seed, (lesson.run.position?.stepsDone ?? 0) > 0);
		}
	}
} satisfies MnistStep;
