/**
 * Which pages `npm run audit` measures: every prerendered page in build/ that is meant to be
 * found (pages marked noindex, such as /bench, are left out), so a new lesson step is audited
 * without a change here. They come in the order the home page links them (the lesson's order).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** build/lesson/data.html -> /lesson/data; build/index.html -> / */
export function pagePath(relativeFile: string): string {
	const route = relativeFile
		.split(path.sep)
		.join('/')
		.replace(/\.html$/, '');
	if (route === 'index') return '/';
	return `/${route.replace(/\/index$/, '')}`;
}

/** The internal links of a page, as site paths, in document order: "./lesson/data" -> /lesson/data */
export function linkedPaths(html: string, base = ''): string[] {
	const paths: string[] = [];
	for (const match of html.matchAll(/<a\b[^>]*\shref="([^"#?]*)/g)) {
		let href = match[1];
		if (/^[a-z]+:/i.test(href)) continue;
		href = href.replace(/^(\.\.?\/)+/, '/').replace(/^\.$/, '/');
		if (base && href.startsWith(base)) href = href.slice(base.length) || '/';
		if (href.startsWith('/')) paths.push(href.length > 1 ? href.replace(/\/$/, '') : href);
	}
	return paths;
}

/** "/" -> home, "/lesson/train-net" -> lesson-train-net: the report's file name. */
export function reportName(pagePath: string): string {
	return pagePath === '/' ? 'home' : pagePath.slice(1).replace(/\//g, '-');
}

export function isNoindex(html: string): boolean {
	return /<meta[^>]+name="robots"[^>]+content="[^"]*noindex/i.test(html);
}

/**
 * "/" first; then pages grouped by their first path segment (the lesson's steps together), each
 * group and each page within it in the order `order` first lists it; unlisted ones alphabetically.
 */
export function orderPages(pages: string[], order: string[]): string[] {
	const group = (p: string) => p.split('/')[1] ?? '';
	const groups = order.map(group);
	// Unlisted items rank after every listed one.
	const rank = (list: string[], item: string) => {
		const at = list.indexOf(item);
		return at >= 0 ? at : list.length;
	};
	const key = (p: string) => (p === '/' ? [-1, -1] : [rank(groups, group(p)), rank(order, p)]);
	return [...pages].sort((a, b) => {
		const [ka, kb] = [key(a), key(b)];
		return ka[0] - kb[0] || ka[1] - kb[1] || a.localeCompare(b);
	});
}

async function htmlFiles(dir: string, under = ''): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(path.join(dir, under), { withFileTypes: true })) {
		const relative = path.join(under, entry.name);
		if (entry.isDirectory() && entry.name !== '_app')
			found.push(...(await htmlFiles(dir, relative)));
		else if (entry.isFile() && entry.name.endsWith('.html') && entry.name !== '404.html') {
			found.push(relative);
		}
	}
	return found;
}

export async function auditedPages(buildDir: string): Promise<string[]> {
	const pages: string[] = [];
	for (const file of await htmlFiles(buildDir)) {
		if (!isNoindex(await readFile(path.join(buildDir, file), 'utf8'))) pages.push(pagePath(file));
	}
	if (pages.length === 0)
		throw new Error(`no prerendered pages in ${buildDir}: build the site first`);
	const home = await readFile(path.join(buildDir, 'index.html'), 'utf8').catch(() => '');
	return orderPages(pages, linkedPaths(home));
}
