import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './helpers';
import { batchesTrained, SLUGS, waitForRun } from './support/lesson';

/** Focus on the page itself (not a control), as a reader who clicked into the text. */
async function focusPage(page: Page): Promise<void> {
	await page.locator('h1').click();
	await expect.poll(() => page.evaluate(() => document.activeElement === document.body)).toBe(true);
}

test('the ] and [ keys walk through every step, each with its panels, prose and code', async ({
	page
}) => {
	const errors = collectErrors(page);
	await page.goto('/lesson/data');
	await waitForRun(page);
	await expect(page.getByTestId('keys-hint')).toHaveText(
		/Keys:\s*R\s+run\s*·\s*\[\s+previous step\s*·\s*\]\s+next step/
	);
	for (const [i, slug] of SLUGS.entries()) {
		await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
		await expect(page.getByText(`Step ${i + 1} of`)).toBeVisible();
		await expect(page.locator('.prose p').first()).toBeVisible();
		await expect(page.locator('details.notebook code')).toContainText(/\w+/);
		await expect(page.locator('[data-testid^="panel-"]').first()).toBeVisible();
		await expect(page.getByTestId(`rail-${slug}`)).toHaveAttribute('aria-current', 'step');
		await focusPage(page);
		if (i === 0) {
			// The arrow keys are the browser's again: they scroll, they do not change the step.
			await page.keyboard.press('ArrowRight');
			await page.keyboard.press('ArrowLeft');
			await expect(page).toHaveURL(/\/lesson\/data$/);
		}
		if (i < SLUGS.length - 1) await page.keyboard.press(']');
	}
	await page.keyboard.press('[');
	await expect(page).toHaveURL(/\/lesson\/overfitting$/);
	// The step navigation's links still work with a click.
	await page
		.getByRole('navigation', { name: 'Previous and next step' })
		.getByRole('link')
		.first()
		.click();
	await expect(page).toHaveURL(/\/lesson\/train-net$/);
	expect(errors).toEqual([]);
});

test('Space scrolls and does not run; R runs; the run is shared across steps', async ({ page }) => {
	await page.goto('/lesson/step');
	await waitForRun(page);
	const run = page.getByTestId('run-action');
	await expect(run).toBeEnabled();
	const before = await batchesTrained(page);
	await focusPage(page);
	expect(await page.evaluate(() => scrollY)).toBe(0);
	// The page handles a shortcut by preventing the browser's default: a scroll proves Space was
	// left to the browser, and the count and the silent live region that it started nothing.
	await page.keyboard.press(' ');
	await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(100);
	await expect(run).toBeEnabled();
	expect(await batchesTrained(page)).toBe(before);
	await expect(page.getByTestId('announce')).toHaveText('');

	await page.keyboard.press('r');
	await expect.poll(() => batchesTrained(page)).toBe(before + 1);
	await expect(page.getByTestId('announce')).toContainText('Done: ');
	// Never while typing: R in the seed field is a character, not a run.
	const seed = page.getByRole('spinbutton', { name: 'seed' });
	await seed.fill('');
	await seed.press('r');
	await expect(run).toBeEnabled();
	expect(await batchesTrained(page)).toBe(before + 1);

	await page.getByTestId('rail-predict').click();
	await expect(page).toHaveURL(/\/lesson\/predict$/);
	expect(await batchesTrained(page)).toBe(before + 1);
	await page.getByRole('button', { name: 'Reset run' }).click();
	await expect.poll(() => batchesTrained(page)).toBe(0);
});

test('after Run the focus stays on the button (not <body>) and the result is announced once', async ({
	page
}) => {
	// Every change of the Run button's aria-disabled, from the page's start.
	await page.addInitScript(() => {
		const changes: string[] = [];
		Object.assign(window, { runButtonStates: changes });
		new MutationObserver(() => {
			const state = document
				.querySelector('[data-testid="run-action"]')
				?.getAttribute('aria-disabled');
			if (state && changes.at(-1) !== state) changes.push(state);
		}).observe(document, { attributes: true, subtree: true, childList: true });
	});
	await page.goto('/lesson/loss');
	await waitForRun(page);
	const run = page.getByTestId('run-action');
	await expect(run).toBeEnabled();
	await run.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('announce')).not.toHaveText('');
	await expect(run).toBeEnabled();
	await expect(run).toBeFocused();
	// Ready once, busy only for the press: it used to look ready, go busy while the step was
	// prepared (a press in that gap was dropped), then be ready again.
	const states = await page.evaluate(
		() => (window as unknown as { runButtonStates: string[] }).runButtonStates
	);
	expect(states).toEqual(['true', 'false', 'true', 'false']);
	// One polite live region for the lesson's results: the Run bar and the question add none.
	const live = page.locator(
		'[data-testid="step-visual"] [aria-live], [data-testid="step-visual"] [role="status"]'
	);
	const runtimeLive = await live.evaluateAll(
		(els) => els.filter((el) => el.closest('.runbar, [data-testid="question"]')).length
	);
	expect(runtimeLive).toBe(0);
	await expect(page.getByTestId('announce')).toHaveAttribute('aria-live', 'polite');
});

test('the skip link lands on the step’s question, or on its Run button when it asks none', async ({
	page
}) => {
	for (const slug of ['loss', 'data']) {
		await page.goto(`/lesson/${slug}`);
		await waitForRun(page);
		const asks = (await page.getByTestId('question').count()) > 0;
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: /^Skip to the step’s/ });
		await expect(skip).toBeFocused();
		await expect(skip).toHaveText(
			asks ? 'Skip to the step’s question' : 'Skip to the step’s Run button'
		);
		await page.keyboard.press('Enter');
		const target = asks ? page.getByTestId('question') : page.getByTestId('run-action');
		await expect(target).toBeFocused();
		if (asks) {
			// The next Tab is the first choice: no rail, no prose links on the way.
			await page.keyboard.press('Tab');
			await expect(page.getByTestId('question').getByRole('radio').first()).toBeFocused();
		}
		// The fragment names the target: no "this link holds no model" notice after a reload.
		await page.reload();
		await waitForRun(page);
		await expect(page.getByTestId('notices')).toHaveCount(0);
	}
});

test('a step opened directly by its URL prepares the run and says so', async ({ page }) => {
	await page.goto('/lesson/gradient');
	await expect(page.getByTestId('step-notice')).toContainText('computed a gradient', {
		timeout: 60_000
	});
	await expect(page.getByTestId('step-notice')).toContainText('seed 1');
});
