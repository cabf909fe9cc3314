import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { appStarted, collectErrors } from './helpers';
import { startStaticHost } from './support/staticHost';

/**
 * The site as a teacher would host it: built with BASE_PATH=/digit-lab and put on a plain static
 * host (no special headers) under /digit-lab. Pages, data, the worker and its WASM, share links
 * and the service worker all work there, and the service worker makes the pages cross-origin
 * isolated with one reload. The build goes to test-results/subpath/ (its own kit folder too),
 * so the preview server's build is untouched.
 */
const BASE = '/digit-lab';
const OUT = 'test-results/subpath';
const port = Number(process.env.E2E_PORT ?? 4173) + 1;
const origin = `http://localhost:${port}`;
let host: Server | null = null;

function buildUnderSubPath(): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'],
			{
				env: {
					...process.env,
					BASE_PATH: BASE,
					BUILD_DIR: `${OUT}/build`,
					KIT_OUT_DIR: `${OUT}/kit`
				},
				stdio: ['ignore', 'ignore', 'pipe']
			}
		);
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`build failed: ${stderr}`))
		);
	});
}

test.use({ serviceWorkers: 'allow' });

test.beforeAll(async () => {
	test.setTimeout(300_000);
	await buildUnderSubPath();
	host = await startStaticHost(`${OUT}/build`, BASE, port);
});

test.afterAll(() => {
	host?.close();
});

test('built with BASE_PATH=/digit-lab, the site works under /digit-lab on a plain static host', async ({
	page
}) => {
	test.setTimeout(180_000);
	const errors = collectErrors(page);
	let documents = 0;
	page.on('load', () => documents++);
	await page.goto(`${origin}${BASE}/`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('handwritten digits');
	// The service worker takes control; one reload through it makes the page isolated. No loop.
	await expect
		.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 60_000 })
		.toBe(true);
	await page.waitForLoadState('load');
	expect(documents).toBe(2);
	expect(
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)
	).toBe(`${origin}${BASE}/`);

	// The site's own links stay under the sub-path.
	await appStarted(page);
	await page.getByRole('link', { name: 'Open the playground' }).click();
	await expect(page).toHaveURL(`${origin}${BASE}/playground`);

	// Data, worker and WASM from under /digit-lab: one epoch on 2,000 digits.
	await page.goto(`${origin}${BASE}/playground?subset=2000&epochs=1`);
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	await expect(page.getByText('WASM (SIMD)')).toBeVisible();
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 90_000 });
	const engine = page.workers().find((w) => w.url().includes('engine.worker'));
	expect(engine?.url()).toContain(`${BASE}/_app/immutable/workers/`);
	expect(await engine?.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([
		true,
		'function'
	]);

	// A share link names the sub-path, and opening it replays the run there.
	await page.getByTestId('share-button').click();
	const link = await page.getByTestId('share-url').inputValue();
	expect(link).toMatch(new RegExp(`^${origin}${BASE}/playground\\?v=1&`));
	await page.goto(link);
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 90_000 });

	// A lesson step, and the next one by its link.
	await page.goto(`${origin}${BASE}/lesson/data`);
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
	await page.locator('a[rel="next"]').first().click();
	await expect(page).toHaveURL(`${origin}${BASE}/lesson/flatten`);
	expect(errors).toEqual([]);
});
