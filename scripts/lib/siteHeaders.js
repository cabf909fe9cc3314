/**
 * What `vite dev` and `vite preview` add to every answer, so the project's own servers behave as
 * a well-configured host would:
 * - cross-origin isolation (COOP same-origin + COEP require-corp) on every response, which lets
 *   the engine worker use SharedArrayBuffer (tfjs's threaded WASM build needs it);
 * - the MNIST .gz files served as the bytes they are (application/octet-stream, no
 *   Content-Encoding: sirv would otherwise label them `Content-Encoding: gzip`, the browser would
 *   decode them and the download bar would count the wrong bytes) with a year-long Cache-Control:
 *   the data never changes under the same name (the page checks each file's SHA-256).
 * Quiet: it logs nothing. Plain JavaScript (typed with JSDoc) so that vite.config.ts can import
 * it by its real file name.
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';

/** @type {Record<string, string>} */
export const ISOLATION_HEADERS = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

/** The data files are content-checked and never change under the same name. */
export const DATA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The file a data request names inside `dataDir`, or null when it is not one of ours.
 * @param {string} url
 * @param {string} base
 * @param {string} dataDir
 * @returns {string | null}
 */
export function dataFileFor(url, base, dataDir) {
	const pathname = decodeURIComponent(new URL(url, 'http://host').pathname);
	const prefix = `${base}/data/mnist/`;
	if (!pathname.startsWith(prefix)) return null;
	const name = pathname.slice(prefix.length);
	if (!/^[\w.-]+\.gz$/.test(name)) return null;
	return path.join(dataDir, name);
}

/**
 * @param {string} file
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => void} next
 */
function serveData(file, req, res, next) {
	let size;
	try {
		size = statSync(file).size;
	} catch {
		next();
		return;
	}
	res.writeHead(200, {
		'Content-Type': 'application/octet-stream',
		'Content-Length': size,
		'Cache-Control': DATA_CACHE_CONTROL
	});
	if (req.method === 'HEAD') res.end();
	else createReadStream(file).pipe(res);
}

/**
 * One middleware for both servers: isolation headers on everything, data files as bytes.
 * @param {string} base
 * @param {string} dataDir
 */
export function siteMiddleware(base, dataDir) {
	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {() => void} next
	 */
	return (req, res, next) => {
		for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
		const wanted = req.method === 'GET' || req.method === 'HEAD';
		const file = wanted ? dataFileFor(req.url ?? '/', base, dataDir) : null;
		if (file) serveData(file, req, res, next);
		else next();
	};
}

/**
 * `base` is the site's base path ('' or '/digit-lab'); the dev server reads the data from
 * static/, the preview server from the build's client output (what a deploy copies).
 * @param {{ base: string; staticDir: string; clientDir: string }} options
 * @returns {import('vite').Plugin}
 */
export function siteHeaders({ base, staticDir, clientDir }) {
	return {
		name: 'digit-lab-site-headers',
		configureServer(server) {
			server.middlewares.use(siteMiddleware(base, path.join(staticDir, 'data', 'mnist')));
		},
		configurePreviewServer(server) {
			server.middlewares.use(siteMiddleware(base, path.join(clientDir, 'data', 'mnist')));
		}
	};
}
