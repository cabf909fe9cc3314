import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
	canvasPixels,
	collectErrors,
	openPlayground,
	SCREENSHOT_DIR,
	trainedAccuracy,
	shoot
} from './helpers';
import type { WebglFastPaths } from '../../src/lib/engine/protocol';

const LINEAR_DONE_RIGHT = 'order=shuffled&std=0.01&epochs=1';
/**
 * The same on half of MNIST, for the slower backends (software WebGL, CPU): one epoch of 30,000
 * digits reaches 0.87-0.88 with seeds 1-4 (npm run train -- --subset 30000 ...), above the 0.85
 * these tests ask of a backend that trains right.
 */
const LINEAR_HALF = `${LINEAR_DONE_RIGHT}&subset=30000`;

test('the playground loads MNIST with a visible progress bar', async ({ page }) => {
	const errors = collectErrors(page);
	await page.goto('/playground');
	const progress = page.getByTestId('data-progress');
	await expect(progress).toBeVisible();
	expect(Number(await progress.getAttribute('aria-valuenow'))).toBeLessThan(100);
	await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
	await expect(progress).toContainText('60,000 training');
	await expect(page.getByTestId('weight-heatmap-9')).toBeVisible();
	await shoot(page, { path: `${SCREENSHOT_DIR}/playground-loaded.png`, fullPage: true });
	expect(errors).toEqual([]);
});

test('forced WebGL trains the shuffled linear learner above 0.85 in one epoch', async ({
	page
}) => {
	await openPlayground(page, `backend=webgl&${LINEAR_HALF}`);
	await expect(page.getByTestId('backend')).toHaveText('webgl');
	await expect(page.getByTestId('backend-label')).toContainText('WebGL 2');
	// The step's one-pass programs and the byte uploads agreed with tfjs's own ops on this GPU
	// (the worker checks them before use), so the epoch below trained through them.
	const fastPaths = JSON.parse(
		(await page.getByTestId('backend').getAttribute('data-fast-paths')) ?? 'null'
	) as WebglFastPaths;
	for (const check of [fastPaths.stepPrograms, fastPaths.byteUploads]) {
		expect(check.used).toBe(true);
		expect(check.maxError).toBeLessThan(1e-5);
	}
	expect(await trainedAccuracy(page, 1)).toBeGreaterThan(0.85);
});

test('forced WebGL trains the net through its one-pass programs as WASM trains it', async ({
	page
}) => {
	// Same seed, same half of MNIST: the fast paths change how WebGL computes the step (one
	// shader pass per piece, bytes uploaded packed), not what it computes. Measured: 0.8583 on
	// both backends.
	const net = 'model=mlp&order=shuffled&epochs=1&subset=30000';
	const trained: Record<string, { accuracy: number; validLoss: number }> = {};
	for (const backend of ['webgl', 'wasm']) {
		await openPlayground(page, `backend=${backend}&${net}`);
		await expect(page.getByTestId('backend')).toHaveText(backend);
		const accuracy = await trainedAccuracy(page, 1);
		const perEpoch = page.getByRole('region', { name: 'Metrics after each epoch' });
		const row = perEpoch.getByRole('row').nth(1);
		const validLoss = Number(await row.getByRole('cell').nth(2).textContent());
		trained[backend] = { accuracy, validLoss };
	}
	expect(trained.webgl.accuracy).toBeGreaterThan(0.85);
	expect(Math.abs(trained.webgl.accuracy - trained.wasm.accuracy)).toBeLessThanOrEqual(0.002);
	expect(Math.abs(trained.webgl.validLoss - trained.wasm.validLoss)).toBeLessThanOrEqual(0.002);
});

test('without a forced backend this CPU-only machine trains on WASM', async ({ page }) => {
	await openPlayground(page, LINEAR_DONE_RIGHT);
	await expect(page.getByTestId('backend')).toHaveText('wasm');
	await expect(page.getByText('software-only')).toBeVisible();
	expect(await trainedAccuracy(page, 1)).toBeGreaterThan(0.85);
	await shoot(page, {
		path: `${SCREENSHOT_DIR}/playground-trained-desktop.png`,
		fullPage: true
	});
	await page.setViewportSize({ width: 390, height: 844 });
	// The per-epoch table fits a phone (no sideways scrolling inside its box): the columns it can
	// spare there (the exact accuracy that repeats the accuracy, the seconds) go.
	const perEpoch = page.getByRole('region', { name: 'Metrics after each epoch' });
	await expect(perEpoch.getByRole('columnheader', { name: 'seconds' })).toBeHidden();
	await expect(perEpoch.getByRole('columnheader', { name: 'valid loss' })).toBeVisible();
	expect(await perEpoch.evaluate((box) => box.scrollWidth - box.clientWidth)).toBeLessThanOrEqual(
		0
	);
	await shoot(page, { path: `${SCREENSHOT_DIR}/playground-trained-phone.png`, fullPage: true });
});

test('the CPU backend works when forced', async ({ page }) => {
	await openPlayground(page, `backend=cpu&${LINEAR_HALF}`);
	await expect(page.getByTestId('backend')).toHaveText('cpu');
	expect(await trainedAccuracy(page, 1)).toBeGreaterThan(0.85);
});

test('the weight heatmaps change between epochs', async ({ page }) => {
	// One epoch, then a Step past the end and Train to finish epoch 2: no race against a Pause
	// click, which a fast backend can finish both epochs before.
	await openPlayground(page, 'order=shuffled&std=0.01&epochs=1&subset=10000');
	const initial = await canvasPixels(page, 'weight-heatmap-3');
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	const afterFirst = await canvasPixels(page, 'weight-heatmap-3');
	await page.getByRole('button', { name: 'Step' }).click();
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('2', { timeout: 60_000 });
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	const afterSecond = await canvasPixels(page, 'weight-heatmap-3');
	expect(afterFirst).not.toEqual(initial);
	expect(afterSecond).not.toEqual(afterFirst);
});

test('the page stays responsive: Pause takes effect at the next batch, Step trains one', async ({
	page
}) => {
	await openPlayground(page, 'model=mlp&order=shuffled&epochs=20');
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('run-status')).toHaveText('training');
	await expect
		.poll(async () => Number(await page.getByTestId('step').textContent()))
		.toBeGreaterThan(20);
	const clickedAt = Date.now();
	await page.getByRole('button', { name: 'Pause' }).click();
	// A batch takes milliseconds; the bound is loose because a loaded 2-core CI machine (a load
	// of 10 was seen) can take over 2 s to deliver the click and draw the answer.
	await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 5_000 });
	expect(Date.now() - clickedAt).toBeLessThan(5_000);
	const pausedAt = Number(await page.getByTestId('step').textContent());
	// Paused means paused: Step then trains exactly one batch, and the run stays paused.
	await page.getByRole('button', { name: 'Step' }).click();
	await expect(page.getByTestId('step')).toHaveText(String(pausedAt + 1));
	await expect(page.getByTestId('run-status')).toHaveText('paused');
	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(page.getByTestId('step')).toHaveText('0');
	await expect(page.getByTestId('run-status')).toHaveText('idle');
});

const trainImages = 'static/data/mnist/train-images-idx3-ubyte.gz';

test('junk bytes in a data file show which file is wrong', async ({ page }) => {
	await page.route('**/train-images-idx3-ubyte.gz', (route) =>
		route.fulfill({ body: Buffer.from('this is not an MNIST file at all, just junk bytes') })
	);
	await page.goto('/playground');
	await expect(page.getByTestId('errors')).toContainText('training images: wrong magic number', {
		timeout: 60_000
	});
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
	await shoot(page, { path: `${SCREENSHOT_DIR}/playground-corrupt-data.png` });
});

test('a truncated data file says how many bytes were expected and received', async ({ page }) => {
	const truncated = gzipSync(gunzipSync(readFileSync(trainImages)).subarray(0, 1_000_000));
	await page.route('**/train-images-idx3-ubyte.gz', (route) => route.fulfill({ body: truncated }));
	await page.goto('/playground');
	await expect(page.getByTestId('errors')).toContainText(
		'training images: expected 47,040,016 bytes, got 1,000,000',
		{ timeout: 60_000 }
	);
});

test('broken settings in the URL fall back with a visible message', async ({ page }) => {
	await openPlayground(page, 'lr=1e9&model=<script>&batch=abc');
	const notices = page.getByTestId('notices');
	await expect(notices).toContainText('learning rate');
	await expect(notices).toContainText('model');
	await expect(notices).toContainText('batch size');
	await expect(page.locator('input[name="lr"]')).toHaveValue('10');
	await expect(page.locator('select[name="model"]')).toHaveValue('linear');
});
