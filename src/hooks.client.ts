/**
 * The prerendered page is painted before the app takes it over. SvelteKit awaits `init` before
 * it hydrates; without this wait, on a fast connection the app's modules arrive while the page
 * is still being laid out, and the first paint waits for the whole hydration (about 150 ms on
 * a lesson step here, four times that on a slow phone). With it, the step's title and prose
 * show first and the page answers a frame later.
 */
import type { ClientInit } from '@sveltejs/kit';
import { afterNextPaint } from '$lib/afterPaint';

export const init: ClientInit = () => afterNextPaint();
