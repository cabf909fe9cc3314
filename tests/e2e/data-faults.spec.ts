import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test, type Page, type Route } from '@playwright/test';
import { collectErrors, DESKTOP, PHONE, SCREENSHOT_DIR, shoot } from './helpers';
import { startStaticHost } from './support/staticHost';

/** A second server of this spec's own, beside the preview server (E2E_PORT keeps them apart). */
const encodingPort = Number(process.env.E2E_PORT ?? 4173) + 2;

/**
 * Data faults, each with a way on: a 404, then a truncated file, then the real one, each time
 * through the Retry button beside the message (no reload); and a download bar that counts the
 * bytes that really arrive. The service worker is blocked here (the default): page.route sees
 * every request.
 */
const TRAIN_IMAGES = '**/data/mnist/train-images-idx3-ubyte.gz';
const served = readFileSync('static/data/mnist/train-images-idx3-ubyte.gz');
const truncated = gzipSync(gunzipSync(served).subarray(0, 1_000_000));

/** Answers the training images with each fault in turn, then with the real file. */
async function faults(page: Page, answers: ((route: Route) => Promise<void>)[]): Promise<void> {
	let asked = 0;
	await page.route(TRAIN_IMAGES, (route) => {
		const answer = answers[asked++];
		return answer ? answer(route) : route.continue();
	});
}

test('a 404, then a truncated file, then the real one: Retry brings the data without a reload', async ({
	page
}) => {
	await faults(page, [
		(route) => route.fulfill({ status: 404, body: 'not here' }),
		(route) => route.fulfill({ body: truncated })
	]);
	await page.goto('/playground?subset=2000&epochs=1');
	const errors = page.getByTestId('errors');
	const retry = errors.getByRole('button', { name: 'Retry' });
	await expect(errors).toContainText('training images: could not download', { timeout: 60_000 });
	await expect(errors).toContainText('(HTTP 404)');
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
	await page.setViewportSize(DESKTOP);
	await shoot(page, { path: `${SCREENSHOT_DIR}/data-retry-desktop.png` });
	await page.setViewportSize(PHONE);
	await shoot(page, { path: `${SCREENSHOT_DIR}/data-retry-phone.png` });
	await page.setViewportSize(DESKTOP);

	// Without a reload (a marker on window would vanish with one).
	await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
	await retry.click();
	await expect(errors).toContainText('training images: expected 47,040,016 bytes, got 1,000,000', {
		timeout: 60_000
	});
	await expect(errors).not.toContainText('HTTP 404');
	await expect(retry).toHaveCount(1);

	await retry.click();
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	await expect(page.getByTestId('errors')).toHaveCount(0);
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
	expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
});

test('the lesson and /draw offer Retry too, and a request that never reached the server says so', async ({
	page
}) => {
	await faults(page, [(route) => route.abort('internetdisconnected')]);
	await page.goto('/lesson/data');
	const errors = page.getByTestId('errors');
	await expect(errors).toContainText('(network error: no connection)', { timeout: 60_000 });
	await page.setViewportSize(PHONE);
	await shoot(page, { path: `${SCREENSHOT_DIR}/data-retry-lesson-phone.png` });
	await page.setViewportSize(DESKTOP);
	await errors.getByRole('button', { name: 'Retry' }).click();
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
	await expect(errors).toHaveCount(0);

	await page.unrouteAll();
	await faults(page, [(route) => route.fulfill({ status: 404 })]);
	await page.goto('/draw');
	await expect(errors).toContainText('(HTTP 404)', { timeout: 60_000 });
	await errors.getByRole('button', { name: 'Retry' }).click();
	await expect(errors).toHaveCount(0, { timeout: 60_000 });
	await expect(page.getByTestId('draw-quick-train')).toBeEnabled({ timeout: 60_000 });
});

/** Records every change of the data bar (label and value), from the page's first script on. */
async function recordDataBar(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const samples: { label: string; value: string | null }[] = [];
		(window as unknown as { barSamples: typeof samples }).barSamples = samples;
		new MutationObserver(() => {
			const bar = document.querySelector('[data-testid="data-progress"]');
			if (!bar) return;
			const sample = {
				label: bar.getAttribute('aria-label') ?? '',
				value: bar.getAttribute('aria-valuenow')
			};
			const last = samples.at(-1);
			if (last?.label !== sample.label || last?.value !== sample.value) samples.push(sample);
		}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	});
}

async function downloadSamples(page: Page) {
	const samples = await page.evaluate(
		() =>
			(window as unknown as { barSamples: { label: string; value: string | null }[] }).barSamples
	);
	return samples.flatMap(({ label, value }) => {
		const match = /Downloading MNIST: ([\d.]+) of ([\d.]+) MB/.exec(label);
		return match
			? [{ loaded: Number(match[1]), total: Number(match[2]), value: Number(value) }]
			: [];
	});
}

test('the download bar counts the bytes that arrive, on a slow line and through Content-Encoding', async ({
	page
}) => {
	const errors = collectErrors(page);
	await recordDataBar(page);
	// About 2.5 MB/s: the 11.2 MB take some seconds, long enough to watch the bar.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 20,
		downloadThroughput: 2_500_000,
		uploadThroughput: 1_000_000
	});
	await page.goto('/playground');
	// The page stays readable and usable while it downloads.
	await expect(page.getByRole('heading', { name: 'Playground' })).toBeVisible();
	await expect(page.getByTestId('data-progress')).toContainText('Downloading MNIST');
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 90_000
	});
	const slow = await downloadSamples(page);
	expect(slow.length).toBeGreaterThan(5);
	expect(new Set(slow.map((s) => s.total))).toEqual(new Set([11.2]));
	expect(slow.some((s) => s.loaded / s.total > 0.2 && s.loaded / s.total < 0.8)).toBe(true);
	for (let i = 1; i < slow.length; i++)
		expect(slow[i].loaded).toBeGreaterThanOrEqual(slow[i - 1].loaded);
	// 100% only once (nearly) every byte is in: the old bar sat at 100% for a minute before the end.
	for (const s of slow.filter((s) => s.value === 100))
		expect(s.loaded / s.total).toBeGreaterThan(0.99);
	expect(slow.at(-1)!.loaded).toBe(11.2);
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1
	});

	// A host that labels the .gz files Content-Encoding: gzip (as vite preview did): the browser
	// hands over 55 MB of decoded IDX bytes, and the bar counts those against the IDX sizes.
	const host = await startStaticHost('build', '', encodingPort, { gzipEncoded: true });
	try {
		await page.goto(`http://localhost:${encodingPort}/playground`);
		await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
			timeout: 90_000
		});
	} finally {
		host.close();
	}
	const decoded = await downloadSamples(page);
	expect(decoded.at(-1)).toEqual({ loaded: 55, total: 55, value: 100 });
	for (const s of decoded.filter((s) => s.value === 100)) {
		expect(s.loaded / s.total).toBeGreaterThan(0.99);
	}
	expect(errors).toEqual([]);
});
