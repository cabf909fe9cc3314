/**
 * The lesson "a manual linear learner, then a small neural net, on handwritten digits", step by
 * step, following the notebook. Each step is a folder in steps/ (found here, ordered by its
 * number); what several steps share is in shared/; what the lesson takes from the notebook (its
 * recipe and its printed accuracy curve) is in notebook.ts.
 */
import { collectSteps } from '$lib/lesson/load';
import './shared/panel.css';
import { NOTEBOOK_RECIPE } from './notebook';
import { digitsLoaded } from './shared/needs';
import type { MnistLesson, MnistStep } from './shared/session';
import { MnistShared } from './shared/state.svelte';

const lesson: MnistLesson = {
	title: 'A linear learner, then a small neural net, on handwritten digits',
	recipe: NOTEBOOK_RECIPE,
	steps: collectSteps(
		import.meta.glob<{ default: MnistStep }>('./steps/*/step.ts', { eager: true })
	),
	shared: (session) => new MnistShared(session),
	opening: [digitsLoaded],
	// A fresh run answers for the chosen test digit straight away.
	afterNewRun: (session) => session.shared.predictSelected()
};

export default lesson;
