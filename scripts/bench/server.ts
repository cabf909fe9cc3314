/**
 * The built site under `vite preview`, started as node directly so that the child's process id
 * is the server's own (and killing it stops the server, not just a wrapper).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface PreviewServer {
	url: string;
	stop: () => void;
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
	const url = `http://localhost:${port}`;
	if (await answers(url)) throw new Error(`something already answers on ${url}; stop it first`);
	const child: ChildProcess = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
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
		if (await answers(url)) return { url, stop };
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	stop();
	throw new Error(`vite preview did not answer on ${url} within ${timeoutMs / 1000} s:\n${output}`);
}
