/**
 * Files the page makes and hands to the learner (a saved picture, a model file), with no
 * server. Plain DOM, no Svelte: viz/ (Save PNG) and components/ (model files, saved runs) both
 * use it, so it lives beside them rather than in either.
 */

/**
 * Saves bytes made in the page as a file, the way browsers allow without a server: a Blob, an
 * object URL and a click on a temporary <a download>. The URL is kept a minute (a click starts
 * the download asynchronously; revoking at once can cancel it), then released.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "23.4 KB", "1.2 MB": file sizes as people read them. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
