import { describe, expect, it } from 'vitest';
import { deferModules, PAINTED_GLOBAL, PAINT_WAIT_LIMIT_MS } from '$lib/boot/deferModules';

/** The shape of a page SvelteKit prerenders (adapter-static, relative paths). */
const PAGE = `<!doctype html>
<html lang="en">
	<head>
		<link href="../_app/immutable/assets/shell.css" rel="stylesheet">
		<link href="../_app/immutable/entry/start.AAA.js" rel="modulepreload">
		<link href="../_app/immutable/chunks/BBB.js" rel="modulepreload">
		<link href="../_app/immutable/entry/app.CCC.js" rel="modulepreload">
		<title>Step 1</title>
	</head>
	<body>
		<div style="display: contents"><main><h1>The data</h1></main>
			<script>
				{
					const element = document.currentScript.parentElement;

					Promise.all([
						import("../_app/immutable/entry/start.AAA.js"),
						import("../_app/immutable/entry/app.CCC.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {});
					});
				}
			</script>
		</div>
	</body>
</html>`;

const HREFS = [
	'../_app/immutable/entry/start.AAA.js',
	'../_app/immutable/chunks/BBB.js',
	'../_app/immutable/entry/app.CCC.js'
];

/** Runs the waiter script deferModules puts in the <head> against a stand-in browser. */
function runWaiter(html: string, paintTypes: string[] | undefined) {
	const script = html.match(/<script>(window\.__digitLabPainted=[\s\S]*?)<\/script>/)?.[1];
	if (!script) throw new Error('no waiter script in the page');
	const linked: { rel: string; href: string }[] = [];
	const observers: ((list: { getEntriesByName: (name: string) => unknown[] }) => void)[] = [];
	const timers: { run: () => void; ms: number }[] = [];
	class FakeObserver {
		static supportedEntryTypes = paintTypes;
		constructor(callback: (typeof observers)[number]) {
			observers.push(callback);
		}
		observe() {}
	}
	const window: Record<string, unknown> = paintTypes ? { PerformanceObserver: FakeObserver } : {};
	const document = {
		createElement: () => ({ rel: '', href: '' }),
		head: { appendChild: (link: { rel: string; href: string }) => linked.push(link) }
	};
	new Function('window', 'document', 'PerformanceObserver', 'setTimeout', script)(
		window,
		document,
		FakeObserver,
		(run: () => void, ms: number) => timers.push({ run, ms })
	);
	let painted = false;
	void (window[PAINTED_GLOBAL] as Promise<void>).then(() => (painted = true));
	const paint = (name: string) =>
		observers.forEach((callback) =>
			callback({ getEntriesByName: (wanted) => (wanted === name ? [{}] : []) })
		);
	return { linked, timers, paint, painted: () => painted };
}

describe('deferModules', () => {
	const deferred = deferModules(PAGE);

	it('takes the module preloads out of the head and keeps everything else', () => {
		expect(deferred).not.toMatch(/<link[^>]*modulepreload/);
		expect(deferred).toContain('<link href="../_app/immutable/assets/shell.css" rel="stylesheet">');
		expect(deferred).toContain('<h1>The data</h1>');
		expect(deferred).toContain('<title>Step 1</title>');
	});

	it("makes kit's start-up wait for the paint, with the same imports", () => {
		expect(deferred).toMatch(
			/window\.__digitLabPainted\.then\(\(\) => Promise\.all\(\[\s*import\("\.\.\/_app\/immutable\/entry\/start\.AAA\.js"\),\s*import\("\.\.\/_app\/immutable\/entry\/app\.CCC\.js"\)\s*\]\)\)\.then\(\(\[kit, app\]\)/
		);
		// The waiter is defined in the head, before the body's start-up script needs it.
		expect(deferred.indexOf(`window.${PAINTED_GLOBAL}=`)).toBeLessThan(deferred.indexOf('</head>'));
	});

	it('links the modules and lets the app start at the first contentful paint, not before', async () => {
		const page = runWaiter(deferred, ['paint', 'longtask']);
		page.paint('first-paint');
		await Promise.resolve();
		expect(page.linked).toEqual([]);
		expect(page.painted()).toBe(false);
		page.paint('first-contentful-paint');
		await Promise.resolve();
		expect(page.linked).toEqual(HREFS.map((href) => ({ rel: 'modulepreload', href })));
		expect(page.painted()).toBe(true);
		// The time limit's later call changes nothing: the modules are linked once.
		expect(page.timers.map((t) => t.ms)).toEqual([PAINT_WAIT_LIMIT_MS]);
		page.timers[0].run();
		expect(page.linked).toHaveLength(HREFS.length);
	});

	it('starts after the time limit when no paint comes (a page opened in a background tab)', async () => {
		const page = runWaiter(deferred, ['paint']);
		expect(page.painted()).toBe(false);
		page.timers[0].run();
		await Promise.resolve();
		expect(page.painted()).toBe(true);
		expect(page.linked).toHaveLength(HREFS.length);
	});

	it('starts at once where the browser does not report paints', async () => {
		const page = runWaiter(deferred, ['longtask']);
		await Promise.resolve();
		expect(page.painted()).toBe(true);
		expect(page.linked).toHaveLength(HREFS.length);
		const older = runWaiter(deferred, undefined);
		await Promise.resolve();
		expect(older.painted()).toBe(true);
	});

	it('leaves a page without kit’s start-up script as it is', () => {
		const plain = '<html><head><link href="a.js" rel="modulepreload"></head><body></body></html>';
		expect(deferModules(plain)).toBe(plain);
	});
});
