import { expect, test } from '@playwright/test';
import { COMPILE_HINT } from '../../scripts/lib/compileHints.js';
import { openStep } from './helpers';

/**
 * The page's own scripts reach the browser marked for eager compilation (V8's compile hint,
 * scripts/lib/compileHints.js), so hydration does not stop to compile each function it calls;
 * the engine worker's scripts (tfjs: most of it never runs) are not marked.
 */

test('the page scripts carry the compile hint and the worker scripts do not', async ({ page }) => {
	const scripts = new Map<string, Promise<string>>();
	page.on('response', (response) => {
		const url = response.url();
		if (url.endsWith('.js') && response.ok())
			scripts.set(
				url,
				response.text().catch(() => '')
			);
	});
	await openStep(page, 'data');
	const bodies = await Promise.all(
		[...scripts].map(async ([url, body]) => ({ url, body: await body }))
	);
	const worker = bodies.filter((s) => s.url.includes('/workers/'));
	const own = bodies.filter((s) => s.url.includes('/_app/immutable/') && !worker.includes(s));
	// The app's entry, the framework, the lesson layout and step, and the step's panels.
	expect(own.length).toBeGreaterThanOrEqual(10);
	expect(worker.length).toBeGreaterThanOrEqual(1);
	for (const { url, body } of own) expect(body.startsWith(`${COMPILE_HINT}\n`), url).toBe(true);
	for (const { url, body } of worker) expect(body.includes(COMPILE_HINT), url).toBe(false);
});
