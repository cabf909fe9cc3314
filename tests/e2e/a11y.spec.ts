import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { appStarted, followDrawLink } from './helpers';
import { COLOUR_RULES, countByImpact, describeViolations, seriousViolations } from './support/axe';

/**
 * The accessibility audit: axe-core on /, /playground, /draw and every lesson step, on arrival
 * (once the step's panels are ready) and after its main action, in the light and the dark theme
 * (every rule in light; in dark the rules that depend on colour, the only ones a theme changes).
 * Any serious or critical violation fails it, printed with its targets.
 *
 * Kept quick by reusing one page: the site is walked with its own links (client-side, so the
 * worker, the loaded digits and the trained model carry over), nothing is trained twice, the
 * playground trains one epoch (its `epochs=1` URL option) and /draw reads with that model. A
 * lesson step whose action trains for many epochs (8, 11, 12) is paused by its own Pause button
 * as soon as its first epoch is drawn; the paused run keeps its Run button busy, so the next step
 * is opened by a fresh load of its URL instead.
 */

type Theme = 'light' | 'dark';
const THEMES: Theme[] = ['light', 'dark'];

interface Row {
	where: string;
	moment: 'arrival' | 'after action';
	theme: Theme;
	serious: number;
	critical: number;
}

/** The theme follows prefers-color-scheme while the learner has not chosen one. */
async function useTheme(page: Page, theme: Theme): Promise<void> {
	await page.emulateMedia({ colorScheme: theme });
	await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
	// Canvases repaint in an effect after the change: let one frame pass.
	await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
}

async function audit(page: Page, rows: Row[], where: string, moment: Row['moment']) {
	for (const theme of THEMES) {
		await useTheme(page, theme);
		// Light gets every rule; dark only the ones colours can change (the rest would repeat).
		const violations = await seriousViolations(page, theme === 'dark' ? COLOUR_RULES : undefined);
		const counts = countByImpact(violations);
		rows.push({ where, moment, theme, serious: counts.serious, critical: counts.critical });
		expect
			.soft(
				violations.length,
				`${where}, ${moment}, ${theme}: serious or critical axe violations\n${describeViolations(violations)}`
			)
			.toBe(0);
	}
}

function printRows(rows: Row[]): void {
	const lines = rows.map(
		(r) =>
			`${r.where.padEnd(22)} ${r.moment.padEnd(13)} ${r.theme.padEnd(6)} serious ${String(r.serious).padStart(3)}  critical ${String(r.critical).padStart(3)}`
	);
	console.log(`axe, serious / critical elements per page:\n${lines.join('\n')}`);
	mkdirSync('test-results', { recursive: true });
	writeFileSync('test-results/a11y-counts.json', JSON.stringify(rows, null, 1));
}

/** A training step's Pause button, while its run trains. */
function pauseButton(page: Page): Locator {
	return page.locator('[data-testid$="-pause"]', { hasText: 'Pause' });
}

/**
 * Presses the step's Run (answering its question first, so the reveal is audited too) and waits
 * for the result. A long training run is paused once its first epoch is drawn; returns whether
 * the run was left paused (its Run button stays busy then).
 */
async function runStep(page: Page): Promise<boolean> {
	const question = page.getByTestId('question');
	if (await question.isVisible()) await question.getByRole('radio').first().check();
	const action = page.getByTestId('run-action');
	await action.click();
	await expect
		.poll(
			async () =>
				(await action.isEnabled()) ? 'done' : (await pauseButton(page).isVisible()) ? 'train' : '',
			{ timeout: 120_000, message: 'the step’s action neither finished nor started training' }
		)
		.not.toBe('');
	if (await action.isEnabled()) return false;
	// "Epoch 2 of 20 …": the first epoch is done and drawn.
	await expect(page.locator('[role="progressbar"][aria-label^="Epoch "]').first()).toHaveAttribute(
		'aria-label',
		/^Epoch (?:[2-9]|\d{2,}) of/,
		{ timeout: 180_000 }
	);
	await pauseButton(page).click();
	await expect(page.locator('[data-testid$="-pause"]', { hasText: 'Resume' })).toBeVisible();
	return true;
}

test('axe: no serious or critical violation on any page or lesson step, light and dark', async ({
	page
}) => {
	test.setTimeout(900_000);
	const rows: Row[] = [];
	// A dev server's HMR socket is silenced, so an edit elsewhere cannot reload the page.
	await page.routeWebSocket(/\/\?token=/, () => {});
	try {
		await test.step('/', async () => {
			await page.goto('/');
			await appStarted(page);
			await audit(page, rows, '/', 'arrival');
		});
		// Every step of the lesson, in its order, as the home page lists them.
		const slugs = await page
			.getByTestId('lesson-steps')
			.locator('a')
			.evaluateAll((links) =>
				links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').pop()!)
			);
		expect(slugs.length).toBeGreaterThanOrEqual(13);

		await test.step('/playground', async () => {
			await page.goto('/playground?order=shuffled&std=0.01&epochs=1');
			await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
				timeout: 90_000
			});
			const train = page.getByRole('button', { name: 'Train', exact: true });
			await expect(train).toBeEnabled();
			await audit(page, rows, '/playground', 'arrival');
			await train.click();
			await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 120_000 });
			await expect(page.getByTestId('run-status')).toHaveText('idle');
			await audit(page, rows, '/playground', 'after action');
		});

		await test.step('/draw', async () => {
			await followDrawLink(page);
			await audit(page, rows, '/draw', 'arrival');
			await page.getByTestId('draw-example-3').click();
			await expect(page.getByTestId('draw-answer')).toBeVisible();
			await audit(page, rows, '/draw', 'after action');
		});

		let busy = true; // the first step is opened by its URL
		for (const slug of slugs) {
			await test.step(`/lesson/${slug}`, async () => {
				if (busy) await page.goto(`/lesson/${slug}`);
				else await page.getByTestId(`rail-${slug}`).click();
				await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
				await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 120_000 });
				await audit(page, rows, `/lesson/${slug}`, 'arrival');
				busy = await runStep(page);
				await audit(page, rows, `/lesson/${slug}`, 'after action');
			});
		}
	} finally {
		printRows(rows);
	}
});
