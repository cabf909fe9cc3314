import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHints, withCompileHint } from '../../../scripts/lib/compileHints.js';

type Handler = (
	this: { warn: (message: string) => void },
	options: { sourcemap?: boolean },
	bundle: Record<string, { type: 'chunk' | 'asset'; code?: string; source?: string }>
) => void;

describe('withCompileHint', () => {
	it('puts the hint on the first line, once', () => {
		const once = withCompileHint('import{a}from"./b.js";a();');
		expect(once).toBe(`${COMPILE_HINT}\nimport{a}from"./b.js";a();`);
		expect(withCompileHint(once)).toBe(once);
	});
});

describe('compileHints', () => {
	const plugin = compileHints();
	const hook = plugin.generateBundle as { order: string; handler: Handler };

	it('runs for the client build only, after the other plugins', () => {
		const only = plugin.applyToEnvironment as (environment: { name: string }) => boolean;
		expect(only({ name: 'client' })).toBe(true);
		expect(only({ name: 'ssr' })).toBe(false);
		expect(hook.order).toBe('post');
	});

	it('marks every script chunk and leaves assets alone', () => {
		const bundle = {
			'entry/app.js': { type: 'chunk' as const, code: 'const __vite__mapDeps=1;' },
			'chunks/a.js': { type: 'chunk' as const, code: 'export{}' },
			'assets/a.css': { type: 'asset' as const, source: 'p{}' }
		};
		const warnings: string[] = [];
		hook.handler.call({ warn: (m) => warnings.push(m) }, {}, bundle);
		expect(bundle['entry/app.js'].code).toBe(`${COMPILE_HINT}\nconst __vite__mapDeps=1;`);
		expect(bundle['chunks/a.js'].code).toBe(`${COMPILE_HINT}\nexport{}`);
		expect(bundle['assets/a.css'].source).toBe('p{}');
		expect(warnings).toEqual([]);
	});

	it('warns that source maps would be a line off', () => {
		const warnings: string[] = [];
		hook.handler.call({ warn: (m) => warnings.push(m) }, { sourcemap: true }, {});
		expect(warnings).toHaveLength(1);
	});
});
