import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests in a real headless Chromium: Debian's package, launched through
 * executablePath (browsers cannot be downloaded here, so never `playwright install`).
 * With Playwright's default arguments its workers get WebGL 2 on SwiftShader.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = {
	executablePath,
	// The machine's network is closed: background connections only produce noise and delays.
	args: [
		'--disable-quic',
		'--disable-background-networking',
		'--disable-component-update',
		'--no-first-run'
	]
};

/** E2E_BASE_URL points the tests at a server that is already running (e.g. `npm run dev`). */
const externalServer = process.env.E2E_BASE_URL;
/**
 * E2E_PORT moves the preview server, so two checkouts can run their suites side by side. Some
 * specs start servers of their own on the next two ports (subpath.spec: E2E_PORT + 1, a plain
 * static host; data-faults.spec: E2E_PORT + 2, a host that labels .gz files Content-Encoding).
 */
const port = Number(process.env.E2E_PORT ?? 4173);

/** Specs whose assertions are timings: they run alone, never beside another training test. */
const CALM_SPECS = ['**/compare.spec.ts', '**/long-run.spec.ts'];
const desktop = {
	...devices['Desktop Chrome'],
	launchOptions,
	viewport: { width: 1280, height: 900 }
};

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	timeout: 120_000,
	expect: { timeout: 30_000 },
	// One test at a time by default; `npm test` runs the desktop project two at a time (most
	// specs wait on visible state, not on the clock) and the timed `calm` specs alone.
	workers: 1,
	fullyParallel: false,
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	use: {
		baseURL: externalServer ?? `http://localhost:${port}`,
		// A trace records DOM snapshots and a JPEG screencast of every action: about a third of the
		// suite's CPU on this 2-core machine (lesson-asks-2 + share + draw: 53-57 s without, 72-85 s
		// with). So only a retry records one (CI retries once); locally, add `--trace on`.
		trace: 'on-first-retry',
		launchOptions,
		// page.route cannot see requests a service worker answers, and most specs route or count
		// requests: the service worker is off unless a spec turns it on (the offline specs do).
		serviceWorkers: 'block'
	},
	projects: [
		{
			name: 'desktop',
			testIgnore: CALM_SPECS,
			use: desktop
		},
		{
			// Specs that time the page (click answers, long tasks) while it trains: `npm test` runs
			// them alone, after the rest has run two at a time (package.json, test:e2e).
			name: 'calm',
			testMatch: CALM_SPECS,
			// Its own folder: a run cleans its projects' folders, and this one runs second.
			outputDir: 'test-results/calm',
			use: desktop
		}
	],
	webServer: externalServer
		? undefined
		: {
				// Started as node directly so that its process is the server's (vite 8 refuses a second preview).
				command: `node node_modules/vite/bin/vite.js preview --port ${port} --strictPort`,
				url: `http://localhost:${port}`,
				reuseExistingServer: !process.env.CI,
				timeout: 60_000
			}
});
