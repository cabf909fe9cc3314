/**
 * Runs npm scripts side by side and fails if any fails: `npm test` type-checks and lints at the
 * same time, since each of the two mostly keeps one core busy and CI machines have two.
 * Each script's output is printed whole when it ends, so the two logs never interleave.
 *
 *   tsx scripts/parallel.ts check lint
 */
import { spawn } from 'node:child_process';

interface Outcome {
	script: string;
	code: number;
	output: string;
	seconds: number;
}

function runScript(script: string): Promise<Outcome> {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', script], { env: process.env });
		const chunks: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
		const finish = (code: number) =>
			resolve({
				script,
				code,
				output: Buffer.concat(chunks).toString(),
				seconds: (Date.now() - started) / 1000
			});
		child.on('error', (error) => {
			chunks.push(Buffer.from(`${error.message}\n`));
			finish(1);
		});
		child.on('close', (code) => finish(code ?? 1));
	});
}

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
	console.error('usage: tsx scripts/parallel.ts <npm script> [<npm script> ...]');
	process.exit(2);
}
const outcomes = await Promise.all(scripts.map((script) => runScript(script)));
for (const { script, code, output, seconds } of outcomes) {
	const verdict = code === 0 ? 'passed' : `FAILED (exit code ${code})`;
	console.log(`── npm run ${script}: ${verdict}, ${seconds.toFixed(0)} s`);
	if (output.trim()) console.log(output.trimEnd());
}
process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
