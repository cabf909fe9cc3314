/**
 * Runs `npm run build` (data check, preview images, vite build) with its output in a log file,
 * so `npm start` and `npm run audit` print a few lines instead of vite's file-size tables.
 * Verbose mode copies the output to the terminal as well. A failed build shows the log's tail.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const LOG_DIR = '.logs';
export const BUILD_LOG = path.join(LOG_DIR, 'build.log');

export interface BuildResult {
	ok: boolean;
	exitCode: number;
	seconds: number;
	/** The last lines of the log, for a failure message. */
	tail: string;
}

/** The last `count` non-empty lines of a text. */
export function lastLines(text: string, count: number): string {
	const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
	return lines.slice(-count).join('\n');
}

/** True when the command line or the environment asks for every build line. */
export function wantsVerbose(argv: string[], env: NodeJS.ProcessEnv): boolean {
	return (
		argv.includes('--verbose') || argv.includes('-v') || /^(1|true|yes)$/i.test(env.VERBOSE ?? '')
	);
}

export async function quietBuild(verbose: boolean, tailLines = 25): Promise<BuildResult> {
	await mkdir(LOG_DIR, { recursive: true });
	const log = createWriteStream(BUILD_LOG);
	const started = Date.now();
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const child = spawn(npm, ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk: Buffer) => {
			log.write(chunk);
			if (verbose) process.stdout.write(chunk);
		});
	}
	const exitCode = await new Promise<number>((resolve) => {
		child.on('error', (error) => {
			log.write(`\n${String(error)}\n`);
			resolve(1);
		});
		child.on('close', (code) => resolve(code ?? 1));
	});
	await new Promise<void>((resolve) => log.end(resolve));
	const seconds = (Date.now() - started) / 1000;
	const tail = exitCode === 0 ? '' : lastLines(await readFile(BUILD_LOG, 'utf8'), tailLines);
	return { ok: exitCode === 0, exitCode, seconds, tail };
}
