import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { choiceToStore, isTheme, resolveTheme, THEME_KEY } from '$lib/components/theme';

describe('the theme', () => {
	it('follows the system until the learner chooses', () => {
		expect(resolveTheme(null, false)).toBe('light');
		expect(resolveTheme(null, true)).toBe('dark');
		expect(resolveTheme('nonsense', true)).toBe('dark');
	});

	it('keeps the learner’s choice over the system’s', () => {
		expect(resolveTheme('dark', false)).toBe('dark');
		expect(resolveTheme('light', true)).toBe('light');
	});

	it('remembers a choice only when it differs from the system’s', () => {
		expect(choiceToStore('dark', false)).toBe('dark');
		expect(choiceToStore('light', true)).toBe('light');
		expect(choiceToStore('dark', true)).toBeNull();
		expect(choiceToStore('light', false)).toBeNull();
	});

	it('knows its two names', () => {
		expect(isTheme('light')).toBe(true);
		expect(isTheme('dark')).toBe(true);
		expect(isTheme('auto')).toBe(false);
	});

	it('is applied before the first paint by app.html, with the same storage key', () => {
		const html = readFileSync('src/app.html', 'utf8');
		const head = html.slice(0, html.indexOf('%sveltekit.head%'));
		expect(head).toContain(`var key = '${THEME_KEY}'`);
		expect(head).toContain('localStorage.getItem(key)');
		expect(head).toContain('prefers-color-scheme: dark');
		expect(head).toContain('var root = document.documentElement');
		expect(head).toContain('root.dataset.theme =');
	});
});
