import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The architecture's boundaries, enforced: the engine and data layers run in a worker and in
 * node, so they import no Svelte, no d3 and no page code; the viz layer draws and never trains;
 * components, the lesson runtime and /draw talk to the engine through the client and RunState;
 * and nothing in src/lib knows a lesson's content (the routes wire src/content to it).
 * (ESLint keeps only the last no-restricted-imports that matches a file, so each group below
 * repeats the ones it still needs.)
 */
const noContent = {
	group: ['$content', '$content/*', '**/content/**'],
	message:
		'src/lib is the generic site and never imports a lesson (src/content); the route wires the lesson to it.'
};
const wholeD3 = {
	group: ['d3-*'],
	message: "import from the d3 package ('d3'); Vite keeps only what is used."
};
const noWorker = {
	group: [
		'**/engine/engine.worker*',
		'**/engine/controller',
		'**/engine/run',
		'**/engine/models/build',
		'@tensorflow/*'
	],
	message:
		'pages, lessons and components talk to the engine through the client and RunState, never to the worker or tfjs.'
};
const noUiInEngine = {
	patterns: [
		noContent,
		{
			group: ['svelte', 'svelte/*', '$app/*', '*.svelte'],
			message: 'engine/ and data/ run in a worker and in node: no Svelte.'
		},
		{ group: ['d3', 'd3-*'], message: 'engine/ and data/ do maths, not drawing: no d3.' },
		{
			group: ['**/viz/**', '**/state/**', '**/routes/**'],
			message: 'engine/ and data/ must not depend on the UI.'
		}
	]
};
const pureReadout = {
	patterns: [
		...noUiInEngine.patterns,
		{ group: ['@tensorflow/*'], message: 'readout is maths on plain arrays: no tfjs.' }
	]
};
const noTfInViz = {
	patterns: [
		noContent,
		{ group: ['@tensorflow/*'], message: 'viz/ draws numbers it is given: no tfjs.' },
		{
			group: ['**/engine/*', '!**/engine/protocol', '!**/engine/config'],
			message: "viz/ may only use the engine's types (protocol, config)."
		},
		{
			group: ['$lib/components', '$lib/components/*', '**/components/**'],
			message: 'viz/ is the drawing layer the components build on: it never imports a component.'
		},
		wholeD3
	]
};
const libUi = { patterns: [noContent, noWorker, wholeD3] };
const routesAndContent = { patterns: [noWorker, wholeD3] };

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['src/lib/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [noContent] }] }
	},
	{
		files: ['src/lib/engine/**', 'src/lib/data/**'],
		rules: { 'no-restricted-imports': ['error', noUiInEngine] }
	},
	{ files: ['src/lib/readout.ts'], rules: { 'no-restricted-imports': ['error', pureReadout] } },
	{ files: ['src/lib/viz/**'], rules: { 'no-restricted-imports': ['error', noTfInViz] } },
	{
		files: ['src/lib/lesson/**', 'src/lib/draw/**', 'src/lib/components/**', 'src/lib/state/**'],
		rules: { 'no-restricted-imports': ['error', libUi] }
	},
	{
		files: ['src/routes/**', 'src/content/**'],
		rules: { 'no-restricted-imports': ['error', routesAndContent] }
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'static/data/',
			'test-results/',
			'playwright-report/',
			'bench-results/'
		]
	}
);
