/**
 * Runs only while the site is prerendered (the built site is static files): each page that shows
 * maths gets KaTeX's stylesheet inline instead of linked, so its first paint waits for no other
 * request (src/lib/maths/stylesheet.ts).
 */
import type { Handle } from '@sveltejs/kit';
import katexCss from 'katex/dist/katex.min.css?raw';
import { fillKatexStyle } from '$lib/maths/stylesheet';

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, { transformPageChunk: ({ html }) => fillKatexStyle(html, katexCss) });
