import { expect, test, type Page } from '@playwright/test';
import {
	collectErrors,
	fastForwardUntil,
	openPlayground,
	openStep,
	SCREENSHOT_DIR,
	DESKTOP,
	PHONE,
	shoot
} from './helpers';
import { liveChecksum, pauseAndSave, readSaved } from './support/savedRuns';

/**
 * A run outlives its page and its worker: saved in IndexedDB at each epoch's end and on pause, it
 * comes back after a reload exactly (same epoch, accuracy and weights checksum) and goes on
 * training from there; a worker closed from inside is noticed and replaced, with the run restored.
 */
const RECIPE = 'subset=2000&epochs=200&batch=32';
const train = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const epochNow = async (page: Page) => Number(await page.getByTestId('epoch').textContent());

/** Trains until `epochs` epochs are done, pauses, and waits until the pause is saved. */
async function trainAndPause(page: Page, epochs: number) {
	await train(page).click();
	await expect.poll(() => epochNow(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(epochs);
	const steps = await pauseAndSave(page);
	return {
		epoch: await page.getByTestId('epoch').textContent(),
		steps,
		accuracy: await page.getByTestId('valid-accuracy').textContent(),
		checksum: await liveChecksum(page)
	};
}

test('a reload brings the run back exactly, and Train goes on from there', async ({ page }) => {
	const errors = collectErrors(page);
	await openPlayground(page, RECIPE);
	const before = await trainAndPause(page, 2);
	const saved = await readSaved(page);
	expect(saved.runs).toHaveLength(1);
	expect(saved.runs[0].checksum).toBe(before.checksum);

	const reloaded = Date.now();
	await page.reload();
	const notice = page.getByTestId('restore-notice');
	await expect(notice).toContainText('Your run is back as it was saved just now', {
		timeout: 60_000
	});
	const tookMs = Date.now() - reloaded;
	await expect(page.getByTestId('epoch')).toHaveText(before.epoch!);
	await expect(page.getByTestId('step')).toHaveText(String(before.steps));
	await expect(page.getByTestId('valid-accuracy')).toHaveText(before.accuracy!);
	await expect(notice).toHaveAttribute('data-checksum', before.checksum!);
	expect(await liveChecksum(page)).toBe(before.checksum);
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	await expect(page.getByTestId('train-progress')).toHaveAttribute(
		'aria-label',
		/Stopped (at epoch \d+ of 200, batch \d+ of 63|after epoch \d+ of 200): Train goes on from here/
	);
	await expect(notice.getByTestId('saved-runs')).toContainText(/Saved runs in this browser: 1, /);
	console.log(
		`restore after reload: ${tookMs} ms from reload to the notice, ${await notice.getAttribute('data-took-ms')} ms from the page's start; saved run ${saved.summaries[0].bytes} bytes (${saved.runs[0].history} history moments, ${saved.runs[0].lossSteps} batch losses)`
	);
	await screenshotsOf(page, 'restore-notice');
	// The saved runs open to their list: this page's run, its size, when it was saved.
	await notice.getByTestId('saved-runs').locator('summary').click();
	await expect(notice.getByTestId('saved-runs-list').locator('li')).toHaveText([
		/^playground: \d+ epochs?, \d+ batches, [\d.]+%, [\d.]+ [KM]B, saved just now$/
	]);
	await screenshotsOf(page, 'saved-runs');

	// Train goes on: the same run, its next epoch, saved under the same id.
	await train(page).click();
	await expect
		.poll(() => epochNow(page), { timeout: 90_000 })
		.toBeGreaterThan(Number(before.epoch));
	await pauseAndSave(page);
	expect((await readSaved(page)).summaries).toHaveLength(1);

	// Start fresh: a new run, and the old save is gone (the next visit does not bring it back).
	await page.getByTestId('start-fresh').click();
	await expect(page.getByTestId('restore-notice')).toHaveCount(0);
	await expect(page.getByTestId('step')).toHaveText('0');
	await expect.poll(async () => (await readSaved(page)).summaries.length).toBe(0);
	expect(errors).toEqual([]);
});

test('a worker closed from inside mid-run: a message, working buttons, the run restored', async ({
	page
}) => {
	// At every change of the page while it says a new worker is starting: is Train pressable?
	// (It was, once the new worker had the data and before the run was back in it.)
	await page.addInitScript(() => {
		const seen = { restarting: 0, trainable: 0 };
		Object.assign(window, { whileRestarting: seen });
		new MutationObserver(() => {
			const errors = document.querySelector('[data-testid="errors"]')?.textContent ?? '';
			if (!errors.includes('Starting a new training worker')) return;
			seen.restarting++;
			const buttons = [...document.querySelectorAll('button')];
			const train = buttons.find((b) => b.textContent?.trim() === 'Train');
			if (train && !train.disabled) seen.trainable++;
		}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	});
	await page.clock.install();
	await openPlayground(page, RECIPE);
	await train(page).click();
	await expect.poll(() => epochNow(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
	await expect
		.poll(async () => (await readSaved(page)).runs[0]?.position.epochsDone ?? 0, {
			timeout: 30_000
		})
		.toBeGreaterThanOrEqual(1);
	const savedEpochs = (await readSaved(page)).runs[0].position.epochsDone;
	const engine = page.workers().find((w) => w.url().includes('engine.worker'))!;
	// The worker ends itself: no error event, no message; only the heartbeat can tell.
	await engine.evaluate(() => setTimeout(() => self.close(), 0));
	const errors = page.getByTestId('errors');
	await fastForwardUntil(page, errors, 'The training worker stopped answering');
	await expect(errors).toContainText('A new worker started and brought the run back', {
		timeout: 60_000
	});
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	await expect(page.getByTestId('restore-notice')).toBeVisible();
	expect(await epochNow(page)).toBeGreaterThanOrEqual(savedEpochs);
	const whileRestarting = await page.evaluate(
		() =>
			(window as unknown as { whileRestarting: { restarting: number; trainable: number } })
				.whileRestarting
	);
	expect(whileRestarting.restarting).toBeGreaterThan(0);
	expect(whileRestarting.trainable, 'Train pressable before the run was back').toBe(0);
	await screenshotsOf(page, 'restore-after-crash');
	// The buttons work: Train goes on in the new worker.
	await expect(train(page)).toBeEnabled();
	const restoredEpochs = await epochNow(page);
	await train(page).click();
	await expect.poll(() => epochNow(page), { timeout: 90_000 }).toBeGreaterThan(restoredEpochs);
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByTestId('run-status')).toHaveText('paused');
});

test('a worker that never answers is replaced; a missing worker script is named, with Retry', async ({
	page
}) => {
	// The first worker script loads but never answers anything.
	await page.route(
		/engine\.worker-[^/]*\.js$/,
		(route) =>
			route.fulfill({
				contentType: 'text/javascript',
				// A cross-origin isolated page only runs workers that say they are isolated too.
				headers: { 'Cross-Origin-Embedder-Policy': 'require-corp' },
				body: 'self.onmessage = () => {};'
			}),
		{ times: 1 }
	);
	await page.clock.install();
	await page.goto('/playground?subset=2000&epochs=1');
	await fastForwardUntil(page, page.getByTestId('errors'), 'The training worker stopped answering');
	await expect(train(page)).toBeEnabled({ timeout: 60_000 });
	await expect(page.getByTestId('errors')).toContainText('A new worker started');

	// The script is missing (a new version of the site was put up): said so, and Retry works.
	await page.route(/engine\.worker-[^/]*\.js$/, (route) => route.fulfill({ status: 404 }), {
		times: 2
	});
	await page.reload();
	const errors = page.getByTestId('errors');
	await expect(errors).toContainText('could not be downloaded (HTTP 404)', { timeout: 30_000 });
	await page.getByTestId('retry').click();
	await expect(train(page)).toBeEnabled({ timeout: 60_000 });
	await expect(errors).toHaveCount(0);
});

test('the lesson’s run comes back with a reload, and names the step the learner was on', async ({
	page
}) => {
	await openStep(page, 'step');
	await page.getByTestId('run-action').click();
	const summary = page.getByTestId('run-summary');
	await expect(summary).toContainText('1 batches trained', { timeout: 60_000 });
	await expect
		.poll(async () => (await readSaved(page)).runs[0]?.lesson, { timeout: 30_000 })
		.toMatchObject({ step: 'step' });
	await page.goto('/lesson/data');
	const notice = page.getByTestId('restore-notice');
	await expect(notice).toContainText('You were on step 7', { timeout: 60_000 });
	await expect(summary).toContainText('1 batches trained');
	await notice.getByRole('link', { name: /step 7/ }).click();
	await expect(page).toHaveURL(/\/lesson\/step$/);
	await expect(summary).toContainText('1 batches trained');
});

async function screenshotsOf(page: Page, name: string) {
	await page.setViewportSize(DESKTOP);
	await shoot(page, { path: `${SCREENSHOT_DIR}/${name}-desktop.png` });
	await page.setViewportSize(PHONE);
	await shoot(page, { path: `${SCREENSHOT_DIR}/${name}-phone.png` });
	await page.setViewportSize(DESKTOP);
}
