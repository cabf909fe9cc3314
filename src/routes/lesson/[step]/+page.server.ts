import { error } from '@sveltejs/kit';
import { STEPS, stepBySlug } from '$content/lessons/01-mnist/lesson';
import { renderProse, renderPython } from '$lib/lesson/render.server';
import type { EntryGenerator, PageServerLoad } from './$types';

/** Every step is prerendered: /lesson/data, /lesson/flatten, ... */
export const entries: EntryGenerator = () => STEPS.map((step) => ({ step: step.slug }));

export const load: PageServerLoad = ({ params }) => {
	const step = stepBySlug(params.step);
	if (!step) error(404, `There is no lesson step called "${params.step}".`);
	return {
		slug: step.slug,
		proseHtml: renderProse(step.prose),
		codeHtml: renderPython(step.seed.code)
	};
};
