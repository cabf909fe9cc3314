import path from 'node:path';
import { availableParallelism } from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import svelteConfig from './svelte.config.js';
import { compileHints } from './scripts/lib/compileHints.js';
import { ISOLATION_HEADERS, siteHeaders } from './scripts/lib/siteHeaders.js';

/** The unit test that mocks a module (the model kinds list) for itself. */
const MOCKS_MODULES = 'tests/unit/engine/modelKinds.test.ts';

const kitOutDir = svelteConfig.kit?.outDir ?? '.svelte-kit';

export default defineConfig({
	plugins: [
		// Before sveltekit(): its preview middleware would answer the data files first.
		siteHeaders({
			base: svelteConfig.kit?.paths?.base ?? '',
			staticDir: 'static',
			clientDir: path.join(kitOutDir, 'output', 'client')
		}),
		sveltekit(),
		compileHints()
	],
	build: {
		rolldownOptions: {
			output: {
				// A few chunks instead of about 35. Left to itself the bundler cut the page code into
				// one chunk per set of pages sharing it, a dozen of them under 300 bytes, and a lesson
				// step preloaded about 35 files: on a phone's connection each costs a round trip
				// before the page can paint and hydrate. Grouped, a step loads 13 (Lighthouse, median
				// of three runs, the same build otherwise: step 1 from 77 to 88, step 4 from 88 to 91,
				// the home page 99 to 97, as it now loads the shared code in full).
				codeSplitting: {
					groups: [
						{
							name: 'framework',
							test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|esm-env|clsx)[\\/]/
						},
						{ name: 'd3', test: /node_modules[\\/]d3-/ },
						{ name: 'viz', test: /src[\\/]lib[\\/]viz[\\/]/ },
						{
							name: 'lesson',
							test: /src[\\/](lib[\\/](lesson|state|persist|share|engine|data|compare|readout)|content[\\/]lessons[\\/][^\\/]+[\\/](shared|lesson|steps[\\/][^\\/]+[\\/]step))/
						},
						{ name: 'shell', test: /src[\\/]lib[\\/]/ }
					]
				}
			}
		}
	},
	// The engine runs in a module worker that imports tfjs as ES modules.
	worker: { format: 'es' },
	server: { port: 5173, headers: ISOLATION_HEADERS },
	preview: { port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
	test: {
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Vitest's default in a run is one worker fewer than the cores: one on a 2-core machine.
		// Two halve the unit tests' time there (87 s -> 49 s); larger machines keep the default.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				// Files share their worker's modules (tfjs, the loaded MNIST files' parser, ...):
				// importing tfjs afresh for each of 80 files cost more than a minute. Every file
				// sets the backend it needs in its own beforeAll.
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					exclude: [MOCKS_MODULES],
					isolate: false
				}
			},
			{
				// vi.mock replaces a module for the whole worker: this file gets its own.
				extends: true,
				test: { name: 'isolated', include: [MOCKS_MODULES] }
			}
		]
	}
});
