import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import svelteConfig from './svelte.config.js';
import { ISOLATION_HEADERS, siteHeaders } from './scripts/lib/siteHeaders.js';

const kitOutDir = svelteConfig.kit?.outDir ?? '.svelte-kit';

export default defineConfig({
	plugins: [
		// Before sveltekit(): its preview middleware would answer the data files first.
		siteHeaders({
			base: svelteConfig.kit?.paths?.base ?? '',
			staticDir: 'static',
			clientDir: path.join(kitOutDir, 'output', 'client')
		}),
		sveltekit()
	],
	// The engine runs in a module worker that imports tfjs as ES modules.
	worker: { format: 'es' },
	server: { port: 5173, headers: ISOLATION_HEADERS },
	preview: { port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
