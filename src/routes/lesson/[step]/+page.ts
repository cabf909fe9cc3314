import { LESSON } from '../lesson';
import type { PageLoad } from './$types';

/**
 * The step's own panels, imported here rather than with the lesson: a page fetches no other
 * step's panel code (and the home page none at all). The load finishes before the page renders,
 * when it is prerendered and in the browser before it hydrates or shows the step after a
 * navigation, so the panels are never missing from the page and nothing moves when they arrive.
 */
export const load: PageLoad = async ({ data }) => {
	const step = LESSON.steps.find((s) => s.slug === data.slug);
	const panels = await Promise.all(
		(step?.panels ?? []).map(async ({ id, load }) => ({ id, component: (await load()).default }))
	);
	return { ...data, panels };
};
