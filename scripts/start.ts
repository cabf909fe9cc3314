/**
 * npm start: build the site quietly, serve it with vite preview and end with its address.
 *
 *   npm start                    a few lines; the build's own output goes to .logs/build.log
 *   npm start -- --verbose       (or VERBOSE=1) the build's output here as well
 *   npm start -- --port=8080     (or PORT=8080) another port than 4173
 */
import { startPreview, stopOnSignals } from './lib/preview';
import { BUILD_LOG, lastLines, quietBuild, wantsVerbose } from './lib/quietBuild';

const DEFAULT_PORT = 4173;

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[22m` : text);
const cyan = (text: string) => (color ? `\u001b[36m${text}\u001b[39m` : text);
const red = (text: string) => (color ? `\u001b[31m${text}\u001b[39m` : text);

function portFrom(argv: string[], env: NodeJS.ProcessEnv): number {
	const flag = argv.find((arg) => arg.startsWith('--port='))?.slice('--port='.length);
	const value = Number(flag ?? env.PORT ?? DEFAULT_PORT);
	if (!Number.isInteger(value) || value < 1 || value > 65535) {
		throw new Error(`not a port number: ${flag ?? env.PORT}`);
	}
	return value;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const verbose = wantsVerbose(argv, process.env);
	const port = portFrom(argv, process.env);

	console.log(bold('Digit Lab'));
	console.log(
		`• Building: MNIST data check, link-preview images, site (${verbose ? 'output below' : `log in ${BUILD_LOG}`})…`
	);
	const build = await quietBuild(verbose);
	if (!build.ok) {
		console.error(
			red(`✗ The build failed (exit code ${build.exitCode}). The end of ${BUILD_LOG}:`)
		);
		console.error(build.tail);
		process.exit(build.exitCode || 1);
	}
	console.log(`• Built in ${Math.round(build.seconds)} s.`);
	console.log(`• Serving the built site with vite preview on port ${port} (Ctrl+C stops it).`);
	const server = await startPreview(port);
	stopOnSignals(server, 0);
	console.log('');
	console.log(`  ${bold('Open Digit Lab:')}  ${bold(cyan(server.url))}`);
	console.log('');
	const code = await server.closed;
	console.error(red(`vite preview stopped (exit code ${code}):`));
	console.error(lastLines(server.output(), 15));
	process.exit(code || 1);
}

main().catch((error: unknown) => {
	console.error(red(error instanceof Error ? error.message : String(error)));
	process.exit(1);
});
