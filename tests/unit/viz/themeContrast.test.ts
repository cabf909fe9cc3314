import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, TEXT_CONTRAST } from '$lib/viz/contrast';
import { palette } from '$lib/viz/scales';

/**
 * The theme's colours, read from src/app.css (light in `:root`, dark in
 * `:root[data-theme='dark']`), checked pair by pair: every text colour on every surface it is
 * written on reaches 4.5:1, and the chart colours stand 3:1 off the page (WCAG's figure for
 * graphics), in both themes.
 */
const css = readFileSync('src/app.css', 'utf8');

function block(selector: string): Record<string, string> {
	const start = css.indexOf(`${selector} {`);
	if (start < 0) throw new Error(`${selector} is not in src/app.css`);
	const body = css.slice(start, css.indexOf('}', start));
	return Object.fromEntries(
		[...body.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]])
	);
}

const light = block(':root');
const themes = { light, dark: { ...light, ...block(":root[data-theme='dark']") } };

/** [text, surface] pairs of variable names. */
const TEXT_PAIRS: [string, string][] = [
	['ink', 'paper'],
	['muted', 'paper'],
	['ink', 'wash'],
	['muted', 'wash'],
	['accent', 'paper'],
	['accent', 'wash'],
	['on-accent', 'accent'],
	['ink', 'selected'],
	['danger', 'paper'],
	['ok', 'paper'],
	['note-ink', 'note-bg'],
	['ink', 'error-bg'],
	['good-ink', 'good-bg'],
	['ink', 'info-bg'],
	['ink', 'code-bg'],
	['code-keyword', 'code-bg'],
	['code-builtin', 'code-bg'],
	['code-string', 'code-bg'],
	['code-number', 'code-bg'],
	['code-title', 'code-bg'],
	['code-comment', 'code-bg']
];

const GRAPHICS = [
	'chart-blue',
	'chart-vermillion',
	'chart-green',
	'chart-pink',
	'chart-positive',
	'chart-negative',
	'ink',
	'muted'
];

describe.each(Object.entries(themes))('the %s theme', (name, colours) => {
	it('defines the dark theme over every light variable', () => {
		if (name === 'dark') {
			const dark = block(":root[data-theme='dark']");
			// The focus ring and the pictures of digits (ink on paper) are the same in both themes.
			const same = (k: string) => k === 'focus' || k.startsWith('picture-');
			const missing = Object.keys(light).filter((k) => !(k in dark) && !same(k));
			expect(missing).toEqual([]);
		}
	});

	it.each(TEXT_PAIRS)('%s on %s reads at 4.5:1 or more', (text, surface) => {
		expect(colours[text], `--${text}`).toMatch(/^#/);
		expect(colours[surface], `--${surface}`).toMatch(/^#/);
		expect(contrastRatio(colours[text], colours[surface])).toBeGreaterThanOrEqual(TEXT_CONTRAST);
	});

	it.each(GRAPHICS)('%s stands 3:1 off the page', (mark) => {
		expect(contrastRatio(colours[mark], colours.paper)).toBeGreaterThanOrEqual(3);
	});
});

describe('the charts’ palette', () => {
	it('names only variables that app.css defines', () => {
		for (const value of Object.values(palette)) {
			const name = /^var\(--([a-z-]+)\)$/.exec(value)?.[1];
			expect(name, value).toBeDefined();
			expect(light[name!], `--${name}`).toMatch(/^#/);
		}
	});
});

describe('the pictures of digits', () => {
	it('write their words at 4.5:1 on their paper', () => {
		expect(contrastRatio(light['picture-muted'], light['picture-paper'])).toBeGreaterThanOrEqual(
			TEXT_CONTRAST
		);
		expect(contrastRatio(light['picture-ink'], light['picture-paper'])).toBeGreaterThanOrEqual(
			TEXT_CONTRAST
		);
	});
});
