/**
 * Steps 8-13 ask and act (issue 11): each step's Run changes what the learner sees on every press
 * (a training step adds a run: a new row and a new curve), and each step's question is answered
 * by the live run, whose own numbers the reveal states. One page walks steps 8 to 13, so later
 * steps compare with the runs of earlier ones, as a learner's would. Runs are short (1 epoch, or
 * 100 digits for 20 epochs): the notebook's full numbers are checked by lesson-train-accuracy,
 * lesson-net and lesson-overfitting.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasPixels, collectErrors, openStep, SCREENSHOT_DIR, shoot } from './helpers';

const SIZES = [
	{ name: 'desktop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 }
];

/**
 * Full-page screenshots side by side (1280) and stacked (390); the phone view must not scroll
 * sideways. Two sizes keep the spec quick; lesson-walk covers every step at other widths.
 */
async function shots(page: Page, name: string): Promise<void> {
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await expect
			.poll(() =>
				page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				)
			)
			.toBeLessThanOrEqual(0);
		await shoot(page, {
			path: `${SCREENSHOT_DIR}/asks-${name}-${size.name}.png`,
			fullPage: true
		});
	}
	await page.setViewportSize(SIZES[0]);
}

const action = (page: Page) => page.getByTestId('run-action');
const reveal = (page: Page) => page.getByTestId('reveal');

/** Picks an answer in the step's question (its radio, by its words). */
async function guess(page: Page, label: string | RegExp): Promise<void> {
	await page.getByTestId('question').getByRole('radio', { name: label }).check();
}

/** The answer the reveal names and whether it says the guess was right. */
async function revealed(page: Page): Promise<{ text: string; said: string; right: boolean }> {
	await expect(reveal(page)).toBeVisible({ timeout: 60_000 });
	const text = (await reveal(page).textContent()) ?? '';
	const said = /the run says (.+?)\. /.exec(text)?.[1] ?? '';
	// The verdict opens the reveal, after its icon (✓ or ✗, hidden from screen readers).
	return { text, said, right: /^[✓✗]?\s*Right\./.test(text.trim()) };
}

async function goStep(page: Page, n: number, title: string, slug: string): Promise<void> {
	await page.getByRole('link', { name: new RegExp(`${n}\\. ${title}`) }).click();
	await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
	await expect(action(page)).toBeEnabled({ timeout: 60_000 });
}

const percent = (x: string | null) => `${(Number(x) * 100).toFixed(1)}%`;

/** A percentage the reveal states, against an accuracy the table shows with 4 decimals. */
function expectSamePercent(said: string | undefined, table: string | null): void {
	expect(Math.abs(Number(said) - Number(table) * 100)).toBeLessThanOrEqual(0.051);
}

async function cellText(row: Locator, testid: string): Promise<string | null> {
	return row.getByTestId(testid).textContent();
}

test.describe
	.serial('steps 8-13: every press changes the view, every question is answered by the run', () => {
	let page: Page;
	let errors: string[];

	test.beforeAll(async ({ browser }) => {
		page = await browser.newPage({ viewport: SIZES[0] });
		errors = collectErrors(page);
		await openStep(page, 'train');
	});
	test.afterAll(async () => {
		expect(errors).toEqual([]);
		await page.close();
	});

	test('step 8: each press adds a row and a curve; the runs table answers which switch helps most', async () => {
		test.setTimeout(600_000);
		const rows = page.getByTestId('lesson-run-row');
		const chart = page.getByTestId('lesson-train-chart');
		await page.getByTestId('train-epochs-1').click();
		await expect(action(page)).toHaveText('Run: Train 1 epoch: notebook’s recipe');
		await guess(page, 'Measure accuracy correctly');
		await shots(page, 'train-before');

		// Press 1: the notebook's recipe; press 2, unchanged: the same recipe from seed 2.
		await action(page).click();
		await expect(rows).toHaveCount(1, { timeout: 180_000 });
		await expect(chart.getByTestId('train-curve-0')).toHaveAttribute('data-points', '1');
		await expect(action(page)).toHaveText('Run: Same recipe as before: train again with seed 2');
		await expect(reveal(page)).toHaveCount(0);
		await action(page).click();
		await expect(rows).toHaveCount(2, { timeout: 180_000 });
		await expect(rows.nth(1)).toContainText('notebook’s recipe, 1 epoch, seed 2');
		await expect(chart.getByTestId('train-curve-1')).toHaveAttribute('data-points', '1');
		await expect(chart).toHaveAttribute('data-series', '3');
		await expect(chart.locator('.legend')).toContainText('notebook’s recipe, 1 epoch, seed 2');
		await shots(page, 'train-after');

		// Each switch alone, set up by the comparison's button: the third run answers.
		const compare = page.getByTestId('switch-compare');
		for (const [n, name] of [
			[3, 'Shuffle the batches'],
			[4, 'Initialise with std 0.01'],
			[5, 'Measure accuracy correctly']
		] as const) {
			await compare.getByRole('button', { name: new RegExp(`only “${name}”`) }).click();
			await action(page).click();
			await expect(rows).toHaveCount(n, { timeout: 180_000 });
			await expect(chart.getByTestId(`train-curve-${n - 1}`)).toHaveAttribute('data-points', '1');
		}
		const { text, said, right } = await revealed(page);
		expect(right).toBe(said === 'Measure accuracy correctly');
		// Its numbers are the runs table's: the latest notebook's recipe, and the winner alone.
		const alone = {
			'Shuffle the batches': 'shuffled',
			'Initialise with std 0.01': 'std 0.01',
			'Measure accuracy correctly': 'exact'
		}[said];
		expect(alone).toBeDefined();
		const base = await cellText(rows.nth(1), 'run-final');
		const best = await cellText(rows.filter({ hasText: `${alone}, 1 epoch` }), 'run-final');
		const [, from, to] =
			new RegExp(`${alone} alone took the notebook’s ([\\d.]+)% to ([\\d.]+)%`).exec(text) ?? [];
		expectSamePercent(from, base);
		expectSamePercent(to, best);
		await expect(compare).not.toContainText('still to train');
		await shots(page, 'train-reveal');
	});

	test('step 9: Run counts, then opens the most frequent mistakes, then trains and counts again', async () => {
		test.setTimeout(300_000);
		await goStep(page, 9, 'Accuracy as a metric', 'accuracy');
		// Nothing is counted before the learner has guessed.
		await expect(page.getByTestId('confusion-total')).toHaveCount(0);
		await expect(action(page)).toHaveText('Run: Count the confusions on 10,000 test digits');
		await guess(page, /^1$/);
		await shots(page, 'accuracy-before');

		await action(page).click();
		await expect(page.getByTestId('confusion-total')).toHaveText('10,000');
		const { text, said, right } = await revealed(page);
		expect(right).toBe(said === '1');
		const weakest = page.getByTestId('class-accuracy').locator('li.weakest');
		await expect(weakest.locator('.name')).toHaveText(said);
		expect(text).toContain(`(${percent(await weakest.getAttribute('data-accuracy'))})`);
		await shots(page, 'accuracy-reveal');

		// Presses 2 and 3 open the two most frequent mistakes, each a different cell.
		const opened: string[] = [];
		for (const rank of ['', '2nd ']) {
			const words = (await action(page).textContent()) ?? '';
			const [, truth, predicted, count] =
				/Open the (?:2nd )?most frequent mistake: (\d) → (\d) \((\d+) digits\)/.exec(words) ?? [];
			expect(words).toContain(`Open the ${rank}most frequent mistake`);
			await action(page).click();
			await expect(page.getByTestId('cell-digits')).toContainText(
				`True ${truth}, predicted ${predicted}: ${count}`
			);
			opened.push(`${truth}${predicted}`);
		}
		expect(opened[0]).not.toBe(opened[1]);
		await shots(page, 'accuracy-after');

		// After the third mistake: one more epoch, and the counts change.
		await action(page).click();
		await expect(action(page)).toHaveText(/Run: Train epoch 2, then count again/);
		const model = await page.getByTestId('confusion-model').textContent();
		const diagonal = await page.getByTestId('confusion-accuracy').textContent();
		await action(page).click();
		await expect(page.getByTestId('confusion-model')).toContainText('after 2 epochs', {
			timeout: 120_000
		});
		expect(await page.getByTestId('confusion-model').textContent()).not.toBe(model);
		await expect(page.getByTestId('confusion-accuracy')).not.toHaveText(diagonal ?? '');
	});

	test('step 10: each press builds the net from a new seed; ReLU’s zeros are counted', async () => {
		await goStep(page, 10, 'Add a non-linearity', 'net');
		const status = page.getByTestId('net-status');
		await expect(status).toContainText('still the linear learner');
		await expect(action(page)).toHaveText('Run: Build the net with fresh weights from seed 2');
		await guess(page, '9 to 15');
		await shots(page, 'net-before');

		await action(page).click();
		await expect(status).toContainText('The run is the net (seed 2), 0 batches trained');
		const { text, said, right } = await revealed(page);
		const off = Number(
			/(\d+) of 30 units are off/.exec(
				(await page.getByTestId('net-off-count').textContent()) ?? ''
			)?.[1]
		);
		expect(text).toContain(`ReLU switched off ${off} of the 30 hidden units`);
		const [lo, hi] = said.split(' to ').map(Number);
		expect(off).toBeGreaterThanOrEqual(lo);
		expect(off).toBeLessThanOrEqual(hi);
		expect(right).toBe(said === '9 to 15');
		await shots(page, 'net-reveal');

		const first = await canvasPixels(page, 'weight-heatmap-0');
		await expect(action(page)).toHaveText(
			'Run: Build the net again with fresh weights from seed 3'
		);
		await action(page).click();
		await expect(status).toContainText('The run is the net (seed 3)');
		await expect.poll(() => canvasPixels(page, 'weight-heatmap-0')).not.toBe(first);
		await shots(page, 'net-after');
	});

	test('step 11: two presses, two nets with their rows and curves; wrong, then right', async () => {
		test.setTimeout(600_000);
		await goStep(page, 11, 'Train the network', 'train-net');
		await page.getByTestId('net-preset-usual').check();
		await page.getByTestId('net-epochs-1').click();
		await expect(action(page)).toHaveText('Run: Train the net: the usual practice, 1 epoch');
		// The best linear run of step 8 is the reference; a shuffled net beats it in one epoch.
		await expect(page.getByTestId('question')).toContainText('your best linear run');
		await guess(page, /^No, it ends/);
		await shots(page, 'train-net-before');

		const rows = page.getByTestId('net-run-row');
		const chart = page.getByTestId('net-accuracy-chart');
		await action(page).click();
		await expect(rows).toHaveCount(1, { timeout: 300_000 });
		let answer = await revealed(page);
		expect(answer.right).toBe(false);
		expect(answer.said).toBe('Yes, by 2 points or more');
		const first = await cellText(rows.first(), 'net-run-final');
		expectSamePercent(/ended at ([\d.]+)% after 1 epoch/.exec(answer.text)?.[1], first);
		await expect(chart.getByTestId('net-curve-0')).toHaveAttribute('data-points', '1');
		await shots(page, 'train-net-reveal');

		await page.getByRole('button', { name: 'Ask again' }).click();
		await guess(page, /^Yes, by 2 points/);
		await expect(action(page)).toHaveText(/Run: Same recipe as before: train again with seed \d+/);
		await action(page).click();
		await expect(rows).toHaveCount(2, { timeout: 300_000 });
		answer = await revealed(page);
		expect(answer.right).toBe(true);
		const second = await cellText(rows.nth(1), 'net-run-final');
		expectSamePercent(/ended at ([\d.]+)% after 1 epoch/.exec(answer.text)?.[1], second);
		await expect(chart.getByTestId('net-curve-1')).toHaveAttribute('data-points', '1');
		await expect(chart.locator('.legend')).toContainText(/seed \d+/);
		await shots(page, 'train-net-after');
	});

	test('step 12: two presses, two runs and their curves; the reveal names the lowest epoch', async () => {
		test.setTimeout(400_000);
		await goStep(page, 12, 'Overfitting', 'overfitting');
		await page.getByTestId('overfit-subset-100').click();
		await page.getByTestId('overfit-hidden-30').click();
		await page.getByTestId('overfit-epochs-20').click();
		await expect(action(page)).toHaveText(
			'Run: Train a fresh net: 30 hidden units, 100 digits, 20 epochs'
		);
		await guess(page, 'In the first third of the epochs');
		await shots(page, 'overfitting-before');

		const rows = page.getByTestId('overfit-run-row');
		const gap = page.getByTestId('overfit-gap');
		await action(page).click();
		await expect(rows).toHaveCount(1, { timeout: 240_000 });
		const { text, said, right } = await revealed(page);
		const best = Number(await gap.getAttribute('data-best-epoch'));
		expect(text).toContain(`at epoch ${best} of 20`);
		await expect(rows.first().getByTestId('overfit-run-best')).toHaveText(String(best));
		const third =
			best <= 20 / 3
				? 'In the first third'
				: best <= 40 / 3
					? 'In the middle third'
					: 'In the last third';
		expect(said).toContain(third);
		expect(right).toBe(third === 'In the first third');
		await shots(page, 'overfitting-reveal');

		const chart = page.getByTestId('overfit-chart');
		await expect(action(page)).toHaveText(/Run: Same recipe as before: train again with seed \d+/);
		await action(page).click();
		await expect(rows).toHaveCount(2, { timeout: 240_000 });
		await expect(chart.getByTestId('overfit-valid-1')).toHaveAttribute('data-points', '20');
		await expect(chart.getByTestId('overfit-train-1')).toHaveAttribute('data-points', '20');
		await expect(chart.getByTestId('overfit-valid-0')).toHaveAttribute('data-points', '20');
		await shots(page, 'overfitting-after');
	});

	test('step 13: the best run reads the digits; each press asks it about another one', async () => {
		test.setTimeout(180_000);
		await goStep(page, 13, 'Conclusion', 'conclusion');
		// The best run of the lesson (exact accuracy) reads; the table lists every run.
		const rows = page.getByTestId('conclusion-run-row');
		await expect(rows).toHaveCount(9);
		const exact = await rows.evaluateAll((trs) =>
			trs.map((tr) => parseFloat(tr.querySelectorAll('td')[2]?.textContent ?? 'NaN'))
		);
		const best = exact.indexOf(Math.max(...exact));
		const using = page.getByTestId('conclusion-model');
		await expect(using).toHaveAttribute('data-run', String(best));
		await expect(using).toContainText('your best run in this lesson');
		await expect(page.getByTestId('draw-model-about')).toContainText('in this lesson');

		const next = page.getByTestId('conclusion-next');
		const index = await next.getAttribute('data-index');
		await expect(action(page)).toHaveText(`Run: Show what the model reads in test digit #${index}`);
		const label = /labelled (\d)/.exec((await next.textContent()) ?? '')?.[1] ?? '';
		const aLabel = `${label === '8' ? 'an' : 'a'} ${label}`;
		await guess(page, new RegExp(`^${label}$`));
		await shots(page, 'conclusion-before');

		await action(page).click();
		const answer = page.getByTestId('conclusion-answer');
		await expect(answer).toContainText(`Test digit #${index} is ${aLabel}`);
		const [, predicted, p] =
			/says (\d) with ([\d.]+%)/.exec((await answer.textContent()) ?? '') ?? [];
		const { text, said, right } = await revealed(page);
		expect(said).toBe(predicted);
		expect(right).toBe(predicted === label);
		expect(text).toContain(`read test digit #${index}, ${aLabel}, as ${predicted} with ${p}`);
		await shots(page, 'conclusion-reveal');

		// The next press asks about another digit; picking a run makes it the reader.
		const nextIndex = await next.getAttribute('data-index');
		expect(nextIndex).not.toBe(index);
		await action(page).click();
		await expect(answer).toContainText(`Test digit #${nextIndex} is a`);
		await page.getByTestId('conclusion-model-choice').getByRole('radio').first().check();
		await expect(using).toHaveAttribute('data-run', '0');
		await expect(using).toContainText('the run you picked');
		await expect(answer).toContainText(`Test digit #${nextIndex} is a`);
		await shots(page, 'conclusion-after');
	});
});

test('step 9 opened while step 8 trains: Pause is right there, the note goes when the run ends', async ({
	page
}) => {
	test.setTimeout(300_000);
	const errors = collectErrors(page);
	await openStep(page, 'train');
	// 20 epochs, not 5: five can end (about 3 s here) before the test reaches step 9's Pause.
	await page.getByTestId('train-epochs-20').click();
	await action(page).click();
	await expect(page.getByTestId('lesson-train-progress')).toHaveAttribute('aria-label', /^Epoch/);
	await page.getByRole('link', { name: /9\. Accuracy as a metric/ }).click();
	await expect(page).toHaveURL(/\/lesson\/accuracy$/);

	const note = page.getByTestId('accuracy-training-note');
	await expect(note).toContainText('A run is training (“notebook’s recipe”');
	await expect(action(page)).toBeDisabled();
	await note.getByRole('button', { name: 'Pause' }).click();
	await expect(note).toContainText('is paused at epoch');
	await note.getByRole('button', { name: 'Count the paused model' }).click();
	await expect(page.getByTestId('confusion-total')).toHaveText('10,000');
	await shoot(page, {
		path: `${SCREENSHOT_DIR}/asks-accuracy-paused-desktop.png`,
		fullPage: true
	});
	await note.getByRole('button', { name: 'Resume training' }).click();
	await expect(note).toContainText('A run is training');
	// The note goes with the training; the counts of the model it paused say they are older.
	await expect(note).toHaveCount(0, { timeout: 240_000 });
	await expect(page.getByTestId('confusion-stale')).toBeVisible();
	await expect(action(page)).toHaveText('Run: Count again: the model changed since the last count');
	await expect(action(page)).toBeEnabled();
	expect(errors).toEqual([]);
});
