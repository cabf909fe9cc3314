/**
 * npm run audit: Lighthouse (default mobile settings: a Moto G class phone, simulated slow 4G and
 * 4x CPU slowdown) against the built site for every page meant to be found: /, the lesson and
 * each of its steps, /playground, /draw. Prints the four scores and the web vitals per page and
 * what costs points; writes each full report to audit-results/ (git-ignored).
 *
 *   npm run audit                         build quietly, then audit every page
 *   npm run audit -- --no-build           audit the build/ that is there
 *   npm run audit -- --pages=/,/draw      only these pages
 *   npm run audit -- --runs=5             Lighthouse runs per page (default 3): each page is
 *                                         judged by its median run (summary.ts, medianRun); a
 *                                         run Lighthouse itself fails is retried (collectRuns)
 *   npm run audit -- --strict             exit 1 unless every page meets issue 14's targets
 *
 * Lighthouse is fetched on demand by npx (it is not a dependency of the site or its tests) and
 * drives the Chromium at CHROME_PATH (default /usr/bin/chromium). The site is served by vite
 * preview on its own port, AUDIT_PORT (default 4175). LIGHTHOUSE=lighthouse@x.y.z picks another
 * version (13 and later need Node 22).
 */
import { spawn } from 'node:child_process';
import { access, constants, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../lib/nodeData';
import { startPreview, stopOnSignals } from '../lib/preview';
import { BUILD_LOG, quietBuild, wantsVerbose } from '../lib/quietBuild';
import { auditedPages, reportName } from './pages';
import {
	collectRuns,
	formatTable,
	medianIndex,
	medianRun,
	summarise,
	TARGETS,
	type Lhr,
	type PageSummary
} from './summary';

const OUT_DIR = path.join(ROOT, 'audit-results');
const BUILD_DIR = path.join(ROOT, 'build');
const LIGHTHOUSE = process.env.LIGHTHOUSE ?? 'lighthouse@12.8.2';
const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.AUDIT_PORT ?? 4175);
const CATEGORIES = 'performance,accessibility,best-practices,seo';

function runLighthouse(url: string, outFile: string): Promise<{ code: number; output: string }> {
	const args = [
		'--yes',
		LIGHTHOUSE,
		url,
		'--output=json',
		`--output-path=${outFile}`,
		`--only-categories=${CATEGORIES}`,
		'--quiet',
		'--chrome-flags=--headless=new --no-sandbox --disable-quic'
	];
	return new Promise((resolve) => {
		const child = spawn('npx', args, {
			env: { ...process.env, CHROME_PATH },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', (error) => resolve({ code: 1, output: `${output}${String(error)}` }));
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

/** Lighthouse runs per page unless --runs says otherwise. */
const DEFAULT_RUNS = 3;

/** One Lighthouse run of a page; its full report is written to `outFile`. */
async function auditOnce(pagePath: string, siteUrl: string, outFile: string): Promise<PageSummary> {
	const url = new URL(pagePath.slice(1), siteUrl).href;
	const run = await runLighthouse(url, outFile);
	const lhr = run.code === 0 ? (JSON.parse(await readFile(outFile, 'utf8')) as Lhr) : null;
	if (!lhr) {
		const failed = summarise(pagePath, { categories: {}, audits: {} });
		return { ...failed, error: run.output.trim().split('\n').slice(-3).join(' ') };
	}
	return summarise(pagePath, lhr);
}

/**
 * `runs` scored runs of a page (see collectRuns: a run Lighthouse itself fails is retried),
 * judged by the median one, whose report is kept as <page>.json.
 */
async function auditPage(pagePath: string, siteUrl: string, runs: number): Promise<PageSummary> {
	const name = reportName(pagePath);
	const fileOf = (attempt: number) =>
		path.join(OUT_DIR, runs === 1 ? `${name}.json` : `${name}.run${attempt}.json`);
	const { judged, failedRuns } = await collectRuns(runs, async (attempt) => ({
		summary: await auditOnce(pagePath, siteUrl, fileOf(attempt)),
		file: fileOf(attempt)
	}));
	if (runs > 1) {
		const median = judged[medianIndex(judged.map((r) => r.summary))];
		await copyFile(median.file, path.join(OUT_DIR, `${name}.json`)).catch(() => {});
	}
	const page = medianRun(judged.map((r) => r.summary));
	return failedRuns > 0 ? { ...page, failedRuns } : page;
}

function positiveInteger(text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`--runs wants a whole number from 1, not ${text}`);
	return value;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const only = argv
		.find((a) => a.startsWith('--pages='))
		?.slice('--pages='.length)
		.split(',');
	const runs = positiveInteger(
		argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length),
		DEFAULT_RUNS
	);
	if (!argv.includes('--no-build')) {
		console.log(`Building the site (log in ${BUILD_LOG})…`);
		const build = await quietBuild(wantsVerbose(argv, process.env));
		if (!build.ok) {
			console.error(`The build failed (exit code ${build.exitCode}):\n${build.tail}`);
			process.exit(build.exitCode || 1);
		}
	}
	// Without this, every page fails with the same launcher stack trace, one page at a time.
	await access(CHROME_PATH, constants.X_OK).catch(() => {
		throw new Error(
			`No Chromium at ${CHROME_PATH}. Install it (Debian: apt-get install -y chromium) or set CHROME_PATH.`
		);
	});
	const pages = (await auditedPages(BUILD_DIR)).filter((p) => !only || only.includes(p));
	await mkdir(OUT_DIR, { recursive: true });
	const server = await startPreview(PORT);
	stopOnSignals(server, 130);
	console.log(
		`Lighthouse (${LIGHTHOUSE}, mobile) on ${pages.length} pages of ${server.url}, ${runs} run(s) each`
	);
	const results: PageSummary[] = [];
	try {
		for (const [i, page] of pages.entries()) {
			const result = await auditPage(page, server.url, runs);
			results.push(result);
			const range = result.performanceRange;
			const scores =
				Object.values(result.scores).join(' / ') +
				(range
					? ` (performance ${range[0]}-${range[1]} over ${result.scoredRuns ?? runs} scored runs)`
					: '') +
				(result.failedRuns ? `, ${result.failedRuns} failed run(s) not counted` : '');
			console.log(`  [${i + 1}/${pages.length}] ${page}: ${result.error ?? scores}`);
		}
	} finally {
		server.stop();
	}
	console.log(`\n${formatTable(results)}`);
	console.log(
		`\ntarget: performance >= ${TARGETS.performance}, the other three ${TARGETS.others}, CLS <= ${TARGETS.cls}`
	);
	console.log('\nWhat costs points (points lost per category, worst first; hints are unweighted):');
	for (const result of results.filter((r) => r.costs.length > 0)) {
		console.log(`${result.path}\n${result.costs.map((c) => `  - ${c}`).join('\n')}`);
	}
	await writeFile(path.join(OUT_DIR, 'summary.json'), `${JSON.stringify(results, null, 2)}\n`);
	const meeting = results.filter((r) => r.meetsTargets).length;
	console.log(
		`\n${meeting} of ${results.length} pages meet the targets. Reports: ${path.relative(ROOT, OUT_DIR)}/`
	);
	if (results.some((r) => r.error)) process.exitCode = 1;
	else if (argv.includes('--strict') && meeting < results.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
