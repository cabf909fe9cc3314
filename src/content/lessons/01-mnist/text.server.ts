/**
 * The prose and notebook code of every step, by folder. Read only at build time (prerendering):
 * the learner's browser gets the rendered HTML, never the markdown or this module.
 */
import { collectTexts } from '$lib/lesson/load';

export const TEXTS = collectTexts(
	import.meta.glob<string>('./steps/*/prose.md', { eager: true, query: '?raw', import: 'default' }),
	import.meta.glob<string>('./steps/*/notebook.py', {
		eager: true,
		query: '?raw',
		import: 'default'
	})
);
