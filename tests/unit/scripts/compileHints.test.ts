import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, withCompileHint } from '../../../scripts/lib/compileHints.js';

describe('withCompileHint', () => {
	it('puts the hint on the first line, once', () => {
		const once = withCompileHint('import{a}from"./b.js";a();', null);
		expect(once).toBe(`${COMPILE_HINT}\nimport{a}from"./b.js";a();`);
		expect(withCompileHint(once, null)).toBe(once);
	});

	it('moves a source map down the line it adds', () => {
		const map = { mappings: 'AAAA,CAAC;AACD' };
		withCompileHint('a();\nb();', map);
		expect(map.mappings).toBe(';AAAA,CAAC;AACD');
	});
});
