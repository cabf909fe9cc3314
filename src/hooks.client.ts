/**
 * The prerendered page is painted before the app takes it over. SvelteKit awaits `init` before
 * it hydrates. The modules themselves are fetched after the first paint where the browser
 * reports paints (src/lib/boot/deferModules.ts); where it does not, or after that script's time
 * limit, they can arrive while the page is still being laid out, and without this wait the first
 * paint would wait for the whole hydration (about 150 ms on a lesson step here, four times that
 * on a slow phone). The cost elsewhere is one frame.
 */
import type { ClientInit } from '@sveltejs/kit';
import { afterNextPaint } from '$lib/afterPaint';

export const init: ClientInit = () => afterNextPaint();
