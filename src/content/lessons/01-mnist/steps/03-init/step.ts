import { InitDraft } from './state.svelte';
import { nextRecipe } from './reseed';
import type { Mnist, MnistStep } from '../../shared/session';
import { tensorByName } from '$lib/readout';
import { formatSig } from '$lib/viz/scales';
import { largestInStds, STD_MULTIPLES } from './weightStats';
import { formatCount } from '$lib/formatCount';

/** What the next press draws: the form's std and seed if changed, else the next seed. */
const next = (lesson: Mnist) => nextRecipe(lesson.config, lesson.stepState(InitDraft));

export default {
	slug: 'init',
	title: 'Initialise the weights',
	summary:
		'Give a linear learner its 7,850 random parameters and see its ten weight maps, one 28×28 picture per digit.',
	preview: 'noise',
	notebook: {
		cells: 'In [18]',
		tfjsNote:
			'Digit Lab draws the same normal numbers from a seeded generator and wraps them in tf.variable, so the same seed gives the same weights.'
	},
	panels: [{ id: 'weightInit', load: () => import('./WeightInit.svelte') }],
	action: {
		request: 'configure',
		label: (lesson) => {
			const { seed, initStd } = next(lesson);
			return `Draw new weights from seed ${seed} (std ${initStd})`;
		},
		run: (lesson) => lesson.reinitialise(next(lesson))
	},
	needs: [],
	state: InitDraft,
	question: {
		prompt: (lesson) =>
			`Seed ${next(lesson).seed}, std ${next(lesson).initStd}: how large will the largest of the 7,840 new weights be?`,
		choices: STD_MULTIPLES.map((k) => ({
			value: String(k),
			label: k === 1 ? 'about 1 × std' : `about ${k} × std`
		})),
		reveal: ({ run, config }) => {
			const weights = tensorByName(run.weights, 'weights');
			if (!weights || config.model !== 'linear') return null;
			const { largest, multiple, nearest } = largestInStds(weights.values, config.initStd);
			return {
				answer: String(nearest),
				why: `The largest of these ${formatCount(weights.values.length)} weights is ${formatSig(largest, 3)}, ${formatSig(multiple, 2)} × std ${config.initStd}: among thousands of draws from a normal, a few land 3 to 4 standard deviations out (the histogram's thin tails).`
			};
		}
	}
} satisfies MnistStep;
