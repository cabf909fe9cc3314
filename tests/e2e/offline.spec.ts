import { expect, test, type BrowserContext } from '@playwright/test';
import { appStarted, collectErrors, DESKTOP, PHONE, SCREENSHOT_DIR, shoot } from './helpers';

/**
 * The service worker (blocked in the other specs) keeps the whole site after one visit: a
 * second visit needs no network at all, every page and lesson step opens offline (including ones
 * never visited), and the playground trains from the cached digits.
 */
test.use({ serviceWorkers: 'allow' });

/** Every answer that came from the network rather than from the service worker, with its bytes. */
function networkAnswers(context: BrowserContext): { url: string; bytes: number }[] {
	const answers: { url: string; bytes: number }[] = [];
	context.on('response', async (response) => {
		if (response.fromServiceWorker() || !response.url().startsWith('http')) return;
		const bytes = await response.body().then(
			(b) => b.length,
			() => 0
		);
		answers.push({ url: response.url(), bytes });
	});
	return answers;
}

test('after one visit the site works offline: unvisited steps open and the playground trains', async ({
	page,
	context
}) => {
	test.setTimeout(240_000);
	const errors = collectErrors(page);
	const answers = networkAnswers(context);
	// The first visit: the home page only. The service worker keeps everything, then says so.
	await page.goto('/');
	const ready = page.getByTestId('offline-ready');
	await expect(ready).toContainText('Ready offline', { timeout: 120_000 });
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
	await page.setViewportSize(DESKTOP);
	await shoot(page, { path: `${SCREENSHOT_DIR}/offline-ready-desktop.png` });
	await page.setViewportSize(PHONE);
	await shoot(page, { path: `${SCREENSHOT_DIR}/offline-ready-phone.png` });
	await page.setViewportSize(DESKTOP);

	const bytes = (list: typeof answers) => list.reduce((sum, a) => sum + a.bytes, 0);
	const first = answers.splice(0);
	expect(bytes(first)).toBeGreaterThan(11_000_000);

	// A second visit online fetches nothing (the browser may check for a new service worker).
	await page.goto('/playground?subset=2000&epochs=1');
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	expect(answers.filter((a) => !a.url.endsWith('/service-worker.js'))).toEqual([]);
	console.log(
		`first visit: ${first.length} answers, ${bytes(first)} bytes from the network; second visit: ${answers.length} answers, ${bytes(answers)} bytes`
	);
	await expect(ready).toHaveCount(0); // said once, not on every page

	await context.setOffline(true);
	// A lesson step never visited, opened by its address.
	await page.goto('/lesson/loss');
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
	// The next one, by the page's own link (its data comes from the cache too).
	await page.locator('a[rel="next"]').first().click();
	await expect(page).toHaveURL(/\/lesson\/gradient$/);
	await expect(page.getByTestId('error-page')).toHaveCount(0);
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
	// The lesson's run works on the cached digits: the first batch's gradient.
	await expect(page.getByTestId('gradient-batch')).toContainText('batch 1 (1 of 235 in epoch 1)');

	// The playground trains one epoch on 2,000 digits from the cached files.
	await page.goto('/playground?subset=2000&epochs=1');
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 90_000 });
	expect(Number(await page.getByTestId('valid-accuracy').textContent())).toBeGreaterThan(0.1);
	const engine = page.workers().find((w) => w.url().includes('engine.worker'));
	expect(await engine?.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([
		true,
		'function'
	]);

	// An address that is not a page: words and the ways back, not a browser error.
	await page.goto('/no-such-page');
	await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'The playground' })).toBeVisible();
	expect(
		errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))
	).toEqual([]);
});

test('an unknown address inside the site shows the error page with ways on', async ({ page }) => {
	await page.goto('/');
	await appStarted(page);
	// A link the site might once have had: followed inside the app (client-side routing).
	await page.evaluate(() => {
		const a = Object.assign(document.createElement('a'), { href: '/lesson/no-such-step' });
		document.body.append(a);
		a.click();
	});
	const error = page.getByTestId('error-page');
	await expect(error).toContainText('This page does not exist');
	await expect(error).toContainText('/lesson/no-such-step');
	for (const name of ['Home', 'The lesson', 'The playground']) {
		await expect(error.getByRole('link', { name })).toBeVisible();
	}
	await page.setViewportSize(DESKTOP);
	await shoot(page, { path: `${SCREENSHOT_DIR}/error-page-desktop.png` });
	await page.setViewportSize(PHONE);
	await shoot(page, { path: `${SCREENSHOT_DIR}/error-page-phone.png` });
	await page.setViewportSize(DESKTOP);
	await error.getByRole('link', { name: 'The playground' }).click();
	await expect(page).toHaveURL(/\/playground$/);
});

test.describe('without a service worker', () => {
	test.use({ serviceWorkers: 'block' });

	test('a step that cannot load offline says so and offers Try again, not a bare 500', async ({
		page,
		context
	}) => {
		await page.goto('/lesson/data');
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
		await appStarted(page);
		await context.setOffline(true);
		await page.locator('a[rel="next"]').first().click();
		const error = page.getByTestId('error-page');
		await expect(error).toContainText('You are offline');
		await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
		await expect(error.getByRole('link', { name: 'The lesson' })).toBeVisible();
		await page.setViewportSize(DESKTOP);
		await shoot(page, { path: `${SCREENSHOT_DIR}/error-offline-desktop.png` });
		await page.setViewportSize(PHONE);
		await shoot(page, { path: `${SCREENSHOT_DIR}/error-offline-phone.png` });
		await page.setViewportSize(DESKTOP);
		await context.setOffline(false);
	});
});
