import { describe, expect, it } from 'vitest';
import { SHORTCUT_KEYS, shortcutOf, typesText, type KeyPress } from '$lib/lesson/keys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
	key,
	ctrlKey: false,
	altKey: false,
	metaKey: false,
	...mods
});
const body = { tagName: 'BODY' };

describe('the lesson’s shortcuts', () => {
	it('R runs, [ and ] move between steps, in either case of R', () => {
		expect(shortcutOf(press('r'), body)).toBe('run');
		expect(shortcutOf(press('R'), body)).toBe('run');
		expect(shortcutOf(press('['), body)).toBe('previous');
		expect(shortcutOf(press(']'), body)).toBe('next');
		expect(SHORTCUT_KEYS.map((k) => k.key)).toEqual(['R', '[', ']']);
	});

	it('leaves Space, the arrows and every other key to the browser', () => {
		for (const key of [
			' ',
			'ArrowLeft',
			'ArrowRight',
			'ArrowDown',
			'PageDown',
			'Enter',
			'j',
			'h'
		]) {
			expect(shortcutOf(press(key), body), key).toBeNull();
		}
	});

	it('never takes a chord with Ctrl, Alt or Meta (reload, browser and system keys)', () => {
		for (const mods of [{ ctrlKey: true }, { altKey: true }, { metaKey: true }]) {
			expect(shortcutOf(press('r', mods), body)).toBeNull();
			expect(shortcutOf(press(']', mods), body)).toBeNull();
		}
	});

	it('takes [ typed with AltGr (Ctrl+Alt on Windows), as on a German keyboard', () => {
		expect(shortcutOf(press('[', { ctrlKey: true, altKey: true, altGraph: true }), body)).toBe(
			'previous'
		);
		expect(shortcutOf(press('r', { metaKey: true, altGraph: true }), body)).toBeNull();
	});

	it('never fires while the learner types: text and number fields, selects, editable text', () => {
		const typing = [
			{ tagName: 'INPUT', type: 'text' },
			{ tagName: 'INPUT', type: 'number' },
			{ tagName: 'input' },
			{ tagName: 'TEXTAREA' },
			{ tagName: 'SELECT' },
			{ tagName: 'DIV', isContentEditable: true },
			{ tagName: 'DIV', role: 'textbox' }
		];
		for (const el of typing) {
			expect(typesText(el), JSON.stringify(el)).toBe(true);
			expect(shortcutOf(press('r'), el)).toBeNull();
		}
	});

	it('works from buttons, links, radio buttons and checkboxes, which take no letters', () => {
		const quiet = [
			{ tagName: 'BUTTON' },
			{ tagName: 'A' },
			{ tagName: 'INPUT', type: 'radio' },
			{ tagName: 'INPUT', type: 'checkbox' },
			{ tagName: 'INPUT', type: 'range' },
			{ tagName: 'FIELDSET' }
		];
		for (const el of quiet) expect(shortcutOf(press('r'), el), JSON.stringify(el)).toBe('run');
		expect(shortcutOf(press('r'), null)).toBe('run');
	});
});
