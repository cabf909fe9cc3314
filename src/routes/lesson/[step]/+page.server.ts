import { error } from '@sveltejs/kit';
import { TEXTS } from '$content/lessons/01-mnist/text.server';
import { renderProse, renderPython } from '$lib/lesson/render.server';
import { LESSON } from '../lesson';
import { skipLink } from './skip';
import type { EntryGenerator, PageServerLoad } from './$types';

/** Every step is prerendered: /lesson/data, /lesson/flatten, ... */
export const entries: EntryGenerator = () => LESSON.steps.map((step) => ({ step: step.slug }));

export const load: PageServerLoad = ({ params }) => {
	const step = LESSON.steps.find((s) => s.slug === params.step);
	if (!step) error(404, `There is no lesson step called "${params.step}".`);
	const text = TEXTS[step.folder];
	return {
		slug: step.slug,
		proseHtml: renderProse(text.prose),
		codeHtml: renderPython(text.code),
		skip: skipLink(step.question !== undefined)
	};
};
