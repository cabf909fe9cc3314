/**
 * A build plugin that marks the page's JavaScript for eager compilation: V8's explicit compile
 * hint, the magic comment `//# allFunctionsCalledOnLoad` at the top of a file (Chrome 136 and
 * later; other engines ignore it as a plain comment).
 *
 * V8 compiles a function lazily, on the main thread, the first time it is called. Hydration calls
 * most of the app's functions for the first time, so lazy compilation was about a third of its
 * task: on /playground V8.CompileCode took 36-50 ms of a 117-140 ms hydration (traced here, no
 * CPU slowdown), the longest task of the load. With the hint V8 compiles the files on its
 * streaming thread while they download, and that task fell to about 45 ms.
 *
 * Only the app's own client files get the hint. The engine worker's bundle (tfjs, about 2 MB, of
 * which a run calls a small part) keeps lazy compilation: vite builds workers with
 * `worker.plugins` only, never this list, and the service worker with a config of its own.
 *
 * The comment goes in after minification, which would strip it, and after vite's own last
 * touches to the files. The site builds without source maps: a map would be one line off, as
 * rolldown writes the .map files before generateBundle (rolldown#10676), so the plugin says so.
 * Plain JavaScript (typed with JSDoc) so that vite.config.ts can import it by its real file name.
 */

/** V8's explicit compile hint for a whole file; it must be the file's first line. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * `code` with the hint as its first line, once.
 * @param {string} code
 */
export function withCompileHint(code) {
	return code.startsWith(COMPILE_HINT) ? code : `${COMPILE_HINT}\n${code}`;
}

/** @returns {import('vite').Plugin} */
export function compileHints() {
	return {
		name: 'digit-lab:compile-hints',
		apply: 'build',
		// Keeps the server build (prerendering, in node) out.
		applyToEnvironment: (environment) => environment.name === 'client',
		generateBundle: {
			// After vite's own generateBundle, which puts its preload map (`const __vite__mapDeps`)
			// at the top of the files that import others dynamically.
			order: 'post',
			handler(options, bundle) {
				if (options.sourcemap) {
					this.warn('source maps are one line off in files given the compile hint');
				}
				for (const file of Object.values(bundle)) {
					if (file.type === 'chunk') file.code = withCompileHint(file.code);
				}
			}
		}
	};
}
