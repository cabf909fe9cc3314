/**
 * Runs only while the site is prerendered (the built site is static files). Each page that shows
 * maths gets KaTeX's stylesheet inline instead of linked, so its first paint waits for no other
 * request (src/lib/maths/stylesheet.ts); and each page fetches the app's modules only after its
 * first paint (src/lib/boot/deferModules.ts).
 */
import type { Handle } from '@sveltejs/kit';
import katexCss from 'katex/dist/katex.min.css?raw';
import { deferModules } from '$lib/boot/deferModules';
import { fillKatexStyle } from '$lib/maths/stylesheet';

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => deferModules(fillKatexStyle(html, katexCss))
	});
