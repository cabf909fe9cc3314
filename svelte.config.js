import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Where the site lives on its host: '' at the root, or a sub-path such as '/digit-lab' for a
 * course site or GitHub Pages (`BASE_PATH=/digit-lab npm run build`). Trailing slashes dropped,
 * a missing leading one added: kit wants '/digit-lab'.
 */
const basePath = /** @type {'' | `/${string}`} */ (
	(process.env.BASE_PATH ?? '').replace(/\/+$/, '').replace(/^(?=[^/])/, '/')
);
/** Another output folder for a second build beside the usual one (the sub-path e2e test). */
const buildDir = process.env.BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// Every page is prerendered: the whole site is static files.
		alias: { $content: 'src/content' },
		adapter: adapter({ pages: buildDir, assets: buildDir, fallback: undefined, strict: true }),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		paths: { base: basePath },
		// Stylesheets under 16 kB go into the page's <head> instead of a request each: a lesson step
		// links every panel's (small, split) stylesheet, and 40 render-blocking requests cost more
		// first paint than the few kB of text. 16, not 8: the site's shell and lesson sheets
		// (9-11 kB) were the last two requests a first paint waited for.
		inlineStyleThreshold: 16384,
		prerender: { handleHttpError: 'fail' },
		serviceWorker: {
			// Registered by the layout (src/lib/offline/register.ts), which knows when to ask it to
			// keep the data and when to reload once for cross-origin isolation.
			register: false,
			// The data files' stamp is prepare-data's bookkeeping, not part of the site.
			files: (file) => !file.endsWith('stamp.json')
		}
	}
};

export default config;
