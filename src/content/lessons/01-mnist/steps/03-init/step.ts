import WeightInit from './WeightInit.svelte';
import { InitDraft } from './state.svelte';
import type { MnistStep } from '../../shared/session';

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
	panels: [{ id: 'weightInit', component: WeightInit }],
	action: {
		request: 'configure',
		label: 'Re-initialise the weights',
		run: (lesson) => {
			const draft = lesson.stepState(InitDraft);
			return lesson.reinitialise({ ...lesson.config, initStd: draft.initStd, seed: draft.seed });
		}
	},
	needs: [],
	state: InitDraft
} satisfies MnistStep;
