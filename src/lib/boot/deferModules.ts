/**
 * A prerendered page starts fetching the app's modules only after its first contentful paint.
 *
 * SvelteKit's page links every module the app starts with (`rel="modulepreload"`, about 200 kB on
 * a lesson step) and imports them from an inline script. A browser gives those fetches high
 * priority, so on a slow phone connection they share the bandwidth with what the first screen
 * needs and the title and prose paint late (Lighthouse counted them as blocking: first paint
 * 2.3-2.5 s on every page, the home page's 2.1 s included). The page is complete without them:
 * they make it interactive, and hydration already waits for the first paint (hooks.client.ts).
 *
 * deferModules rewrites the page at prerender time (hooks.server.ts): the modulepreload links
 * come out of the <head>, and a small inline script adds them back, and lets kit's own start-up
 * script go on, once the browser reports the first contentful paint.
 */

/** Longest wait for the paint report: a page opened in a background tab does not paint. */
export const PAINT_WAIT_LIMIT_MS = 1500;

/** The promise kit's start-up script waits for, on window. */
export const PAINTED_GLOBAL = '__digitLabPainted';

const MODULE_PRELOAD = /<link href="([^"]+\.js)" rel="modulepreload">/g;
/** Kit's start-up script: `Promise.all([import("…/start.….js"), import("…/app.….js")]).then(`. */
const KIT_START = /Promise\.all\(\[(\s*import\("[^"]+"\),\s*import\("[^"]+"\)\s*)\]\)\.then\(/;

/**
 * Runs in the page, before anything else of the app (so written in ES5-safe style and kept short).
 * Resolves window[PAINTED_GLOBAL] after the first contentful paint, or at once where the browser
 * does not report paints, or after PAINT_WAIT_LIMIT_MS whatever happens; then links the modules.
 */
function waiterScript(moduleHrefs: string[]): string {
	return `<script>window.${PAINTED_GLOBAL}=new Promise(function(go){var started=false;function start(){if(started)return;started=true;${JSON.stringify(moduleHrefs)}.forEach(function(href){var link=document.createElement("link");link.rel="modulepreload";link.href=href;document.head.appendChild(link)});go()}var types=window.PerformanceObserver&&PerformanceObserver.supportedEntryTypes||[];if(types.indexOf("paint")<0)return start();new PerformanceObserver(function(list){if(list.getEntriesByName("first-contentful-paint").length)start()}).observe({type:"paint",buffered:true});setTimeout(start,${PAINT_WAIT_LIMIT_MS})});</script>`;
}

/**
 * The page's HTML with its module loading moved after the first paint. HTML without kit's
 * start-up script (an error page, the dev server's pages) is returned unchanged.
 */
export function deferModules(html: string): string {
	if (!KIT_START.test(html)) return html;
	const moduleHrefs: string[] = [];
	const withoutPreloads = html.replace(MODULE_PRELOAD, (_link, href: string) => {
		moduleHrefs.push(href);
		return '';
	});
	return withoutPreloads
		.replace('</head>', () => `${waiterScript(moduleHrefs)}</head>`)
		.replace(
			KIT_START,
			(_start, imports: string) =>
				`window.${PAINTED_GLOBAL}.then(() => Promise.all([${imports}])).then(`
		);
}
