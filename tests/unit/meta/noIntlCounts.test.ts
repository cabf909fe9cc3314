import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts and .svelte file under `dir`. */
function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return /\.(ts|svelte)$/.test(entry.name) ? [full] : [];
	});
}

describe('counts in the page', () => {
	// The first Intl number format a page builds costs about 25 ms of locale data, in the middle of
	// a step's first drawing: counts go through formatCount, which groups digits by hand.
	it('are never formatted with Number.toLocaleString', () => {
		const offenders = sources('src').filter((file) =>
			/\.toLocaleString\(/.test(readFileSync(file, 'utf8'))
		);
		expect(offenders).toEqual([]);
	});
});
