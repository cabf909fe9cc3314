/**
 * The lesson's keyboard shortcuts, as pure decisions (the step page listens and acts). Space and
 * the arrow keys keep their browser meaning (scrolling, moving inside a radio group or a chart);
 * the shortcuts are single keys that browsers and screen readers leave to the page: R runs the
 * step's action, [ and ] move to the previous and next step. They are never taken with Ctrl,
 * Alt or Meta held (the browser's and the system's shortcuts), nor while the learner types.
 */

export type Shortcut = 'run' | 'previous' | 'next';

/** The keys, as the page shows them ("Keys: R run · [ previous · ] next"). */
export const SHORTCUT_KEYS: readonly { key: string; shortcut: Shortcut; does: string }[] = [
	{ key: 'R', shortcut: 'run', does: 'run' },
	{ key: '[', shortcut: 'previous', does: 'previous step' },
	{ key: ']', shortcut: 'next', does: 'next step' }
];

/** What the page needs to know about a key press (a KeyboardEvent has all of it). */
export interface KeyPress {
	key: string;
	ctrlKey: boolean;
	altKey: boolean;
	metaKey: boolean;
	/** AltGr held: on many layouts (German, French) it is how [ and ] are typed. */
	altGraph?: boolean;
}

/** The focused element, as far as the decision goes. */
export interface Focused {
	tagName: string;
	/** An input's type ("text", "radio", ...). */
	type?: string;
	isContentEditable?: boolean;
	role?: string | null;
}

/** Input types that take no typed letters: a shortcut is safe while one has focus. */
const NO_TYPING = new Set([
	'checkbox',
	'radio',
	'button',
	'submit',
	'reset',
	'range',
	'color',
	'file',
	'image'
]);
const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/** True where a letter typed belongs to the control: text fields, number fields, selects. */
export function typesText(el: Focused | null): boolean {
	if (!el) return false;
	if (el.isContentEditable) return true;
	if (el.role && TYPING_ROLES.has(el.role)) return true;
	const tag = el.tagName.toUpperCase();
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	return tag === 'INPUT' && !NO_TYPING.has((el.type ?? 'text').toLowerCase());
}

/** The shortcut a key press asks for, or null when the key keeps its usual meaning. */
export function shortcutOf(press: KeyPress, focused: Focused | null): Shortcut | null {
	// AltGr reports Ctrl and Alt on Windows: it types a character, it is not a shortcut chord.
	const chord = press.metaKey || (!press.altGraph && (press.ctrlKey || press.altKey));
	if (chord || typesText(focused)) return null;
	const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
	return SHORTCUT_KEYS.find((k) => k.key.toLowerCase() === key)?.shortcut ?? null;
}
