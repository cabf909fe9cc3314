/**
 * Why a worker never started, in words: a script the server no longer has (a new version of the
 * site was put up since the page loaded), no connection, a script that threw while starting, or
 * a browser that cannot run module workers. Asks the server for the script once to tell them
 * apart, instead of blaming "this browser" for a missing file.
 */
export async function startFailureWords(
	scriptUrl: string,
	errorMessage: string,
	fetchFn: typeof fetch = fetch
): Promise<string> {
	if (errorMessage) return `The training worker could not start: ${errorMessage}.`;
	let status: number;
	try {
		status = (await fetchFn(scriptUrl, { cache: 'no-store' })).status;
	} catch {
		return 'The training worker’s script could not be downloaded: there is no connection.';
	}
	if (status !== 200) {
		return `The training worker’s script could not be downloaded (HTTP ${status}). The site may have been updated since this page opened: reload the page.`;
	}
	return 'This browser could not start the training worker (one of its files did not load, or module workers are not supported: Digit Lab needs a recent Chrome, Edge, Firefox or Safari).';
}
