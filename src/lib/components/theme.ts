/**
 * Light or dark: the learner's choice when there is one, otherwise the system's
 * (prefers-color-scheme). The choice lives in localStorage under THEME_KEY; src/app.html reads the
 * same key in an inline script before the first paint, so the page never flashes the other theme.
 */
export type Theme = 'light' | 'dark';

/** The localStorage key (src/app.html's inline script spells it too; a unit test checks). */
export const THEME_KEY = 'digit-lab-theme';

export function isTheme(value: unknown): value is Theme {
	return value === 'light' || value === 'dark';
}

/** The theme to show: the stored choice, or the system's while the learner has made none. */
export function resolveTheme(stored: string | null, systemDark: boolean): Theme {
	if (isTheme(stored)) return stored;
	return systemDark ? 'dark' : 'light';
}

/**
 * What to remember after the learner picks `chosen`: nothing when it is the system's own theme
 * (the page then follows the system again, e.g. when it turns dark at night), the choice when it
 * differs from the system's.
 */
export function choiceToStore(chosen: Theme, systemDark: boolean): Theme | null {
	return chosen === (systemDark ? 'dark' : 'light') ? null : chosen;
}

/** localStorage can be missing or throw (storage blocked): the theme then lasts for the page. */
export function readChoice(): string | null {
	try {
		return localStorage.getItem(THEME_KEY);
	} catch {
		return null;
	}
}

export function writeChoice(choice: Theme | null): void {
	try {
		if (choice) localStorage.setItem(THEME_KEY, choice);
		else localStorage.removeItem(THEME_KEY);
	} catch {
		// Not remembered; the toggle still works on this page.
	}
}
