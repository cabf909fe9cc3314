import { expect, test } from '@playwright/test';
import { collectErrors, openStep, screenshots, untilDrawn } from './helpers';

test('steps 12-13: a small subset overfits, then the conclusion sums up the runs', async ({
	page
}) => {
	test.setTimeout(240_000);
	const errors = collectErrors(page);
	await openStep(page, 'overfitting');

	// The choices: 500 digits, 100 hidden units by default; choosing changes the pressed one.
	await page.getByTestId('overfit-hidden-30').click();
	await expect(page.getByTestId('overfit-hidden-30')).toHaveAttribute('aria-pressed', 'true');
	await page.getByTestId('overfit-hidden-100').click();
	await expect(page.getByTestId('overfit-hidden-100')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('overfit-subset-500')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('overfit-gap')).toContainText('press Run');

	await page.getByTestId('run-action').click();
	const gap = page.getByTestId('overfit-gap');
	// The curves fill in while it trains; the run ends after 60 epochs.
	await expect(gap).toHaveAttribute('data-epochs', /\d+/, { timeout: 30_000 });
	await expect(gap).toHaveAttribute('data-epochs', '60', { timeout: 150_000 });
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 30_000 });

	const train = Number(await gap.getAttribute('data-train-loss'));
	const valid = Number(await gap.getAttribute('data-valid-loss'));
	const best = Number(await gap.getAttribute('data-best-epoch'));
	expect(train).toBeLessThan(valid);
	expect(best).toBeGreaterThanOrEqual(1);
	expect(best).toBeLessThan(60);
	await expect(gap).toContainText(`epoch ${best}`);
	await expect(gap).toContainText('memorising');
	const chart = page.getByTestId('overfit-chart');
	await expect(chart).toContainText(`lowest validation loss: epoch ${best}`);
	await expect(chart.locator('line.cursor')).toHaveCount(1);
	await expect(chart.locator('svg[role="img"]')).toHaveAttribute('aria-label', /training loss/);

	// Memorised training digits (near-certain, right) and wrong test digits, painted.
	await expect(page.getByTestId('overfit-accuracy')).toContainText('500 training digits');
	const memorised = page.getByTestId('overfit-memorised-digit');
	await expect(memorised).toHaveCount(8);
	await expect(memorised.first().locator('canvas')).toHaveAttribute(
		'aria-label',
		/training digit \d+, an? (\d): the net says \1 with (9\d|100)\.\d%/
	);
	const wrong = page.getByTestId('overfit-wrong-digit');
	await expect(wrong).toHaveCount(8);
	const wrongLabel = await wrong.first().locator('canvas').getAttribute('aria-label');
	const [, truth, said] = /an? (\d): the net says (\d)/.exec(wrongLabel ?? '') ?? [];
	expect(truth).toBeDefined();
	expect(truth).not.toBe(said);
	const inked = await (
		await untilDrawn(wrong.first().locator('canvas'))
	).evaluate((c) => {
		const data = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
		let dark = 0;
		let light = 0;
		for (let i = 0; i < data.length; i += 4) {
			if (data[i + 3] < 255) continue;
			if (data[i] < 128) dark++;
			else light++;
		}
		return Math.min(dark, light);
	});
	// A painted digit: opaque, with both ink and background.
	expect(inked).toBeGreaterThan(20);
	await screenshots(page, 'lesson-overfitting');

	// Step 13, reached by the lesson's own link so the runs are kept.
	await page.locator('a[rel="next"]').click();
	await expect(page).toHaveURL(/\/lesson\/conclusion/);
	const rows = page.getByTestId('conclusion-run-row');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('net 100 units, 500 digits');
	await expect(rows.first()).toContainText('net, 100 hidden');
	await expect(rows.first()).toContainText('60');
	await expect(page.getByTestId('conclusion-point-2')).toContainText('fell in 1');
	const link = page.getByTestId('conclusion-playground');
	const href = (await link.getAttribute('href')) ?? '';
	expect(href).toMatch(/\/playground\?/);
	expect(href).toMatch(/500/);

	// Run asks the current model about the chosen test digit; another digit changes the answer.
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('conclusion-answer')).toContainText(/says \d with/);
	const before = await page.getByTestId('conclusion-answer').textContent();
	await page.getByTestId('test-digit-5').click();
	await expect(page.getByTestId('conclusion-answer')).not.toHaveText(before ?? '');
	await expect(page.getByTestId('conclusion-probabilities')).toBeVisible();
	await screenshots(page, 'lesson-conclusion');
	expect(errors).toEqual([]);
});
