/**
 * A plain static host for e2e tests, like GitHub Pages or a course site's web space: files only,
 * `name.html` for `/name`, `.gz` files as application/gzip (no Content-Encoding), and none of
 * the cross-origin isolation headers (the service worker must add them). Serves `root` under
 * the sub-path `base` ('' for the root) and nothing else. `gzipEncoded` labels the .gz files
 * `Content-Encoding: gzip` instead, as sirv (and so `vite preview`) used to: the browser then
 * decodes them before the page sees a byte.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.wasm': 'application/wasm',
	'.gz': 'application/gzip',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.ttf': 'font/ttf'
};

function fileFor(root: string, rest: string): string | null {
	const clean = path.normalize(decodeURIComponent(rest)).replace(/^(\.\.[/\\])+/, '');
	const candidates = clean.endsWith('/')
		? [path.join(clean, 'index.html')]
		: [clean, `${clean}.html`, path.join(clean, 'index.html')];
	for (const candidate of candidates) {
		const file = path.join(root, candidate);
		try {
			if (statSync(file).isFile()) return file;
		} catch {
			// try the next form
		}
	}
	return null;
}

export function startStaticHost(
	root: string,
	base: string,
	port: number,
	{ gzipEncoded = false } = {}
): Promise<Server> {
	const server = createServer((req, res) => {
		const { pathname } = new URL(req.url ?? '/', 'http://host');
		if (base && pathname === base) {
			res.writeHead(301, { Location: `${base}/` }).end();
			return;
		}
		const file = pathname.startsWith(`${base}/`)
			? fileFor(root, pathname.slice(base.length))
			: null;
		if (!file) {
			res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
			return;
		}
		const encoded = gzipEncoded && file.endsWith('.gz');
		res.writeHead(200, {
			'Content-Type':
				TYPES[path.extname(encoded ? file.slice(0, -3) : file)] ?? 'application/octet-stream',
			'Content-Length': statSync(file).size,
			'Cache-Control': 'max-age=600',
			...(encoded ? { 'Content-Encoding': 'gzip' } : {})
		});
		createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(port, () => resolve(server)));
}
