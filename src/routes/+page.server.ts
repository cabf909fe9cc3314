import { LESSON } from './lesson/lesson';
import type { PageServerLoad } from './$types';

/**
 * The lesson's step titles for the home page's list, read when the page is prerendered: the
 * home page's JavaScript carries none of the lesson's code (its steps, state and panels).
 */
export const load: PageServerLoad = () => ({
	steps: LESSON.steps.map(({ slug, title }) => ({ slug, title }))
});
