import { isSubsetRun, LOWEST_CHOICES, revealLowest } from './overfitting';
import { OverfitRun } from './state.svelte';
import type { MnistStep } from '../../shared/session';
import { formatCount } from '$lib/formatCount';

export default {
	slug: 'overfitting',
	title: 'Overfitting',
	summary:
		'Train a net on only 500 digits and watch it memorise them: the training loss keeps falling while the test loss turns and climbs.',
	notebook: {
		cells: 'In [35]',
		tfjsNote:
			'Digit Lab trains the same net on a small subset of the training digits for many epochs, and measures on all 10,000 test digits after each one.'
	},
	panels: [{ id: 'overfitting', load: () => import('./Overfitting.svelte') }],
	action: {
		request: 'train',
		label: (lesson) => lesson.stepState(OverfitRun).actionLabel(),
		run: (lesson) => lesson.stepState(OverfitRun).train()
	},
	needs: [],
	state: OverfitRun,
	question: {
		prompt: (lesson) => {
			const { subset, epochs } = lesson.stepState(OverfitRun).draft;
			return `Training on ${formatCount(subset)} digits for ${epochs} epochs: when will the validation loss (on the 10,000 test digits) be lowest?`;
		},
		choices: LOWEST_CHOICES,
		reveal: (lesson) => {
			const last = lesson.shared.runs.at(-1);
			return last && isSubsetRun(last.config) ? revealLowest(last) : null;
		}
	}
} satisfies MnistStep;
