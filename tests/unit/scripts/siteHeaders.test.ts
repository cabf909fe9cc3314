import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	DATA_CACHE_CONTROL,
	dataFileFor,
	siteMiddleware
} from '../../../scripts/lib/siteHeaders.js';

const dataDir = path.resolve('static/data/mnist');

describe('dataFileFor', () => {
	it('maps data requests under the base path to files, and nothing else', () => {
		expect(
			dataFileFor('/digit-lab/data/mnist/t10k-labels-idx1-ubyte.gz?x=1', '/digit-lab', '/d')
		).toBe(path.join('/d', 't10k-labels-idx1-ubyte.gz'));
		expect(dataFileFor('/data/mnist/t10k-labels-idx1-ubyte.gz', '/digit-lab', '/d')).toBeNull();
		expect(dataFileFor('/data/mnist/../../package.json', '', '/d')).toBeNull();
		expect(dataFileFor('/data/mnist/%2e%2e%2fsecret.gz', '', '/d')).toBeNull();
		expect(dataFileFor('/playground', '', '/d')).toBeNull();
	});
});

describe('siteMiddleware', () => {
	async function serve(url: string, method = 'GET') {
		const middleware = siteMiddleware('', dataDir);
		const server = createServer((req, res) =>
			middleware(req, res, () => res.writeHead(204, { 'X-Next': 'yes' }).end())
		);
		await new Promise<void>((resolve) => server.listen(0, resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const response = await fetch(`http://localhost:${port}${url}`, { method });
			return { response, body: new Uint8Array(await response.arrayBuffer()) };
		} finally {
			server.close();
		}
	}

	it('serves a .gz data file as the bytes it is, cached for a year, isolated', async () => {
		const { response, body } = await serve('/data/mnist/t10k-labels-idx1-ubyte.gz');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		expect(response.headers.get('content-encoding')).toBeNull();
		expect(response.headers.get('cache-control')).toBe(DATA_CACHE_CONTROL);
		expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
		expect(body.length).toBe(4210);
		expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);
	});

	it('adds the isolation headers to everything else and passes it on', async () => {
		const { response } = await serve('/playground');
		expect(response.status).toBe(204);
		expect(response.headers.get('x-next')).toBe('yes');
		expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
	});

	it('passes on a data name that is not there (the server answers 404 as usual)', async () => {
		const { response } = await serve('/data/mnist/missing.gz');
		expect(response.status).toBe(204);
	});
});
