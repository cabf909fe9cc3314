/**
 * The built site under `vite preview`, for `npm start`, `npm run audit` and `npm run bench`.
 * Started as node directly so that the child's process id is the server's own (killing it stops
 * the server, not just a wrapper). The site's address is read from vite's own "Local:" line, so
 * it carries the base path when the site is built for a sub-path (BASE_PATH).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface PreviewServer {
	/** The site's root, with its base path and a trailing slash: http://localhost:4173/ */
	url: string;
	/** Everything vite printed so far (its banner, later any error). */
	output: () => string;
	/** Settles with vite's exit code when the server stops (null after a signal). */
	closed: Promise<number | null>;
	stop: () => void;
}

// Colour codes start with the escape character, built here so the pattern holds no control character.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The first "Local:" address in vite's banner, without colours. */
export function localUrlFrom(output: string): string | null {
	const match = /Local:\s+(https?:\/\/\S+)/.exec(output.replace(ANSI, ''));
	return match ? match[1] : null;
}

async function answers(url: string): Promise<boolean> {
	try {
		const response = await fetch(url);
		return response.ok;
	} catch {
		return false;
	}
}

export async function startPreview(port: number, timeoutMs = 60_000): Promise<PreviewServer> {
	if (await answers(`http://localhost:${port}`)) {
		throw new Error(`something already answers on http://localhost:${port}; stop it first`);
	}
	const child: ChildProcess = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const stop = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
	};
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`vite preview exited with code ${child.exitCode}:\n${output}`);
		}
		const url = localUrlFrom(output);
		if (url && (await answers(url))) return { url, output: () => output, closed, stop };
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	stop();
	throw new Error(
		`vite preview did not answer on port ${port} within ${timeoutMs / 1000} s:\n${output}`
	);
}

/** Stops the server when the user presses Ctrl+C (or the process is told to end), then exits. */
export function stopOnSignals(server: Pick<PreviewServer, 'stop'>, exitCode: number): void {
	const stop = () => {
		server.stop();
		process.exit(exitCode);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}
