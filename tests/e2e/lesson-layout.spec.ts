import { expect, test, type Page } from '@playwright/test';
import { collectErrors, SCREENSHOT_DIR, shoot } from './helpers';
import { box, SLUGS, sidewaysOverflow, waitForRun } from './support/lesson';

const VISUAL = '[data-testid="step-visual"]';
const rail = (page: Page) => page.getByRole('navigation', { name: 'Lesson steps' });

/**
 * The first step whose rail link says it asks a question, or null while none does: the steps' own
 * records decide, so the tests follow whichever steps ask.
 */
async function stepWithQuestion(page: Page): Promise<string | null> {
	await page.goto('/lesson/data');
	await waitForRun(page);
	await expect(rail(page).locator('a').first()).toBeVisible();
	const link = rail(page).locator('[data-question]').first();
	if ((await link.count()) === 0) return null;
	return ((await link.getAttribute('data-testid')) ?? '').replace(/^rail-/, '');
}

/** Heading levels of the step page in document order (the site header has none). */
function headingLevels(page: Page): Promise<number[]> {
	return page
		.locator('main')
		.evaluate((main) =>
			[...main.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]))
		);
}

for (const [width, height] of [
	[1280, 800],
	[1920, 1080]
] as const) {
	test(`at ${width} x ${height} the visual stands beside the prose and stays in view while the page scrolls`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height });
		await page.goto('/lesson/train');
		await waitForRun(page);
		const prose = await box(page, '.prose');
		const visual = await box(page, VISUAL);
		expect(visual.left).toBeGreaterThan(prose.right);
		expect(visual.right).toBeLessThanOrEqual(width);
		test.info().annotations.push({
			type: 'widths',
			description: `${width}: prose ${Math.round(prose.width)} px, visual ${Math.round(visual.width)} px`
		});
		await page.evaluate(() => scrollTo(0, 600));
		await expect.poll(() => page.evaluate(() => scrollY)).toBe(600);
		const scrolled = await box(page, VISUAL);
		expect(scrolled.top).toBeGreaterThanOrEqual(0);
		expect(scrolled.top).toBeLessThanOrEqual(16);
		expect(scrolled.bottom).toBeLessThanOrEqual(height);
		expect((await box(page, '.prose')).top).toBeCloseTo(prose.top - 600, 0);
		// The Run button is still in the window after the prose scrolled on.
		await expect(page.getByTestId('run-action')).toBeInViewport();
		expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

		// The rail is numbers only, each link still named by its title; the title shows on hover.
		expect((await box(page, '.rail')).width).toBeLessThan(64);
		const link = rail(page).getByRole('link', { name: /Accuracy as a metric/ });
		await expect(link).toHaveText(/^9/);
		const title = link.locator('.title');
		await expect(title).toHaveCSS('opacity', '0');
		await link.hover();
		await expect(title).toHaveCSS('opacity', '1');
	});
}

test('below 1100 px the step stacks: prose, then the visual; at 390 nothing scrolls sideways', async ({
	page
}) => {
	for (const width of [1000, 390]) {
		await page.setViewportSize({ width, height: 844 });
		for (const slug of ['train', 'accuracy']) {
			await page.goto(`/lesson/${slug}`);
			await waitForRun(page);
			const prose = await box(page, '.prose');
			const visual = await box(page, VISUAL);
			expect(visual.top, `${slug} at ${width}`).toBeGreaterThanOrEqual(prose.bottom);
			await expect.poll(() => sidewaysOverflow(page)).toBeLessThanOrEqual(0);
		}
	}
	// Between 901 and 1099 the rail keeps its titles in a column.
	await page.setViewportSize({ width: 1000, height: 844 });
	await expect(rail(page).getByText('Accuracy as a metric')).toHaveCSS('opacity', '1');
});

test('data arriving in the panels moves neither the prose nor the visual column at 1280 x 800', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.addInitScript(() => {
		type Shift = { value: number; outside: boolean; sources: string[] };
		const shifts: Shift[] = [];
		(window as unknown as { shifts: Shift[] }).shifts = shifts;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as (PerformanceEntry & {
				value: number;
				hadRecentInput: boolean;
				sources?: { node?: Node | null }[];
			})[]) {
				if (entry.hadRecentInput) continue;
				const nodes = (entry.sources ?? []).map((s) => s.node ?? null);
				const element = (node: Node | null) =>
					node instanceof Element ? node : (node?.parentElement ?? null);
				shifts.push({
					value: entry.value,
					// A shift counts against the page when something outside the visual column moved.
					outside: nodes.some((n) => !element(n)?.closest('[data-testid="step-visual"]')),
					sources: nodes.map((n) => {
						const el = element(n);
						return el ? `${el.tagName.toLowerCase()}.${el.classList[0] ?? ''}` : String(n);
					})
				});
			}
		}).observe({ type: 'layout-shift', buffered: true });
	});
	for (const slug of ['train', 'accuracy', 'gradient']) {
		await page.goto(`/lesson/${slug}`);
		await waitForRun(page);
		await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
		await expect(page.getByTestId('step-notice')).toBeVisible();
		type Shift = { value: number; outside: boolean; sources: string[] };
		const shifts = await page.evaluate(() => (window as unknown as { shifts: Shift[] }).shifts);
		const sum = (list: Shift[]) => list.reduce((total, s) => total + s.value, 0);
		const outside = shifts.filter((s) => s.outside);
		expect(sum(outside), `${slug}: ${JSON.stringify(outside)}`).toBeLessThan(0.01);
		// Inside the visual, panels that grow as their data arrive are the steps' own to reserve.
		test.info().annotations.push({
			type: 'shift inside the visual',
			description: `${slug}: ${sum(shifts.filter((s) => !s.outside)).toFixed(3)} ${JSON.stringify(shifts.filter((s) => !s.outside).map((s) => s.sources))}`
		});
	}
});

test('the rail marks the steps that ask, and an answer stays answered across steps', async ({
	page
}) => {
	const asking = await stepWithQuestion(page);
	test.skip(asking === null, 'no step of the lesson asks a question yet');
	const slug = asking ?? '';
	const link = page.getByTestId(`rail-${slug}`);
	await link.click();
	await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
	await expect(link).toHaveAttribute('data-question', 'open');
	await expect(link).toHaveAccessibleName(/asks a question$/);

	// Answer from the keyboard: pick a choice and press R there. The choices give way to the
	// reveal, and the focus moves to it (it reads itself: the live region stays quiet).
	const question = page.getByTestId('question');
	const choice = question.getByRole('radio').first();
	await choice.check();
	await expect(choice).toBeFocused();
	await page.keyboard.press('r');
	const reveal = page.getByTestId('reveal');
	await expect(reveal).toBeVisible({ timeout: 90_000 });
	await expect(reveal).toBeFocused();
	await expect(reveal).toContainText(/(Right\.|Not this time\.) You said /);
	await expect(page.getByTestId('announce')).toHaveText('');
	await expect(link).toHaveAttribute('data-question', 'answered');
	await expect(link).toHaveAccessibleName(/question answered$/);
	const said = await reveal.textContent();

	// To the next step and back: still answered, in the page and in the rail.
	await page.keyboard.press(']');
	await expect(page).not.toHaveURL(new RegExp(`/lesson/${slug}$`));
	await expect(link).toHaveAttribute('data-question', 'answered');
	await page.locator('h1').click();
	await page.keyboard.press('[');
	await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
	await expect(page.getByTestId('reveal')).toHaveText(said ?? '');
	await expect(link).toHaveAttribute('data-question', 'answered');

	// Ask again: the choices come back with the focus on the first; answered by the Run button
	// this time, the focus stays on it and the one live region reads the reveal.
	await question.getByRole('button', { name: 'Ask again' }).click();
	await expect(question.getByRole('radio').first()).toBeFocused();
	await expect(link).toHaveAttribute('data-question', 'open');
	await question.getByRole('radio').last().check();
	const run = page.getByTestId('run-action');
	await run.click();
	await expect(page.getByTestId('reveal')).toBeVisible({ timeout: 90_000 });
	await expect(page.getByTestId('announce')).toContainText('You said ');
	await expect(run).toBeFocused();
	await shoot(page, { path: `${SCREENSHOT_DIR}/lesson-question-${slug}-revealed.png` });
});

test('a teacher’s link with hide=questions turns the questions off, and passes it on', async ({
	page
}) => {
	const errors = collectErrors(page);
	// A step that asks when one does; the option and its link are tested on any step.
	const asking = await stepWithQuestion(page);
	const slug = asking ?? 'loss';
	await page.goto(`/lesson/${slug}?v=1&hide=questions`);
	await waitForRun(page);
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
	await expect(page.getByTestId('question')).toHaveCount(0);
	await expect(rail(page).locator('[data-question]')).toHaveCount(0);
	await expect(page.getByTestId('notices')).toHaveCount(0);
	// With no question the skip link goes to the Run button.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('run-action')).toBeFocused();
	// The share panel offers the option, checked, and the link it makes keeps it.
	await page.getByTestId('share-button').click();
	await page.getByText('Teacher options').click();
	await expect(page.getByTestId('hide-questions')).toBeChecked();
	await expect(page.getByTestId('share-url')).toHaveValue(/[?&]hide=questions(&|$)/);
	await expect(page.getByTestId('share-contents')).toContainText(
		'Hidden from the recipient: the questions.'
	);
	// Moving to another step keeps them off (the session remembers the teacher's link).
	await page.locator('h1').click();
	await page.keyboard.press('[');
	await expect(page.getByTestId('question')).toHaveCount(0);
	expect(errors).toEqual([]);

	// Without it, the same step asks (when the lesson has a step that asks).
	await page.goto(`/lesson/${slug}`);
	await waitForRun(page);
	await expect(page.getByTestId('question')).toHaveCount(asking === null ? 0 : 1);
});

test('screenshots of every step at 1280 x 800, 1920 x 1080 and 390 x 844, headings in order', async ({
	page
}) => {
	test.setTimeout(300_000);
	await page.goto('/lesson/data');
	await waitForRun(page);
	for (const slug of SLUGS) {
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.getByTestId(`rail-${slug}`).click();
		await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
		await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
		// h1, then h2 sections, never a jump of two levels down (axe's heading-order).
		const levels = await headingLevels(page);
		expect(levels[0], slug).toBe(1);
		for (let i = 1; i < levels.length; i++) {
			expect(levels[i] - levels[i - 1], `${slug}: ${levels.join(' ')}`).toBeLessThanOrEqual(1);
		}
		for (const [width, height, name] of [
			[1280, 800, 'laptop'],
			[1920, 1080, 'wide'],
			[390, 844, 'phone']
		] as const) {
			await page.setViewportSize({ width, height });
			// Charts re-measure their width a frame after the resize: wait for the layout to settle.
			await expect
				.poll(() => sidewaysOverflow(page), { message: `${slug} scrolls sideways at ${width}` })
				.toBeLessThanOrEqual(0);
			await shoot(page, {
				path: `${SCREENSHOT_DIR}/layout-${slug}-${name}.png`,
				fullPage: name === 'phone'
			});
		}
	}
});

test('at 1280 x 800 nothing in the visual column spills out of its box (the notice of a step opened directly)', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/lesson/loss');
	await waitForRun(page);
	const notice = page.getByTestId('step-notice');
	await expect(notice).toBeVisible({ timeout: 90_000 });
	// The notice runs to three lines at this width: its box must hold all of them.
	const lines = await notice.evaluate(
		(e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)
	);
	expect(lines).toBeGreaterThan(3);
	const spilling = await page.locator(VISUAL).evaluate((visual) =>
		[...visual.querySelectorAll('*')]
			// HTML boxes only: an SVG chart's labels have no box of their own to spill from.
			.filter((e): e is HTMLElement => e instanceof HTMLElement)
			.filter(
				(e) =>
					e.clientHeight > 0 &&
					getComputedStyle(e).overflowY === 'visible' &&
					e.scrollHeight > e.clientHeight + 2
			)
			.map(
				(e) =>
					`${e.tagName.toLowerCase()}.${e.classList[0] ?? ''} ${e.clientHeight}/${e.scrollHeight}`
			)
	);
	expect(spilling).toEqual([]);
});
