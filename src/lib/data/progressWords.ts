/**
 * What a download bar says at each stage of loading the four MNIST files, the same words on
 * every page (the playground, the lesson's run bar and gallery, /draw): downloading with the
 * bytes that arrived, checking, ready, or stopped (the message above says why; Retry is there).
 */
import type { DataProgress } from './mnist';
import { TEST_COUNT, TRAIN_COUNT } from './mnistFiles';
import { formatCount } from '../formatCount';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export function dataWords(progress: DataProgress | null, ready = false): string {
	if (ready || progress?.stage === 'ready') {
		return `MNIST loaded and checked (${formatCount(TRAIN_COUNT)} training + ${formatCount(TEST_COUNT)} test digits)`;
	}
	if (!progress) return 'Waiting for the training worker';
	if (progress.stage === 'checking') return 'Checking the four MNIST files';
	const of = `${mb(progress.loadedBytes)} of ${mb(progress.totalBytes)} MB`;
	if (progress.stage === 'stopped')
		return `MNIST did not load (see the message above): ${of} arrived`;
	return `Downloading MNIST: ${of}`;
}

/** The short form for a run bar: "Loading MNIST (42%)…", or that it stopped. */
export function dataWordsShort(progress: DataProgress | null): string {
	if (progress?.stage === 'stopped') return 'MNIST did not load: see the message above (Retry)';
	if (progress?.stage === 'checking') return 'Checking MNIST…';
	const fraction = progress ? progress.loadedBytes / Math.max(1, progress.totalBytes) : 0;
	return `Loading MNIST (${Math.round(fraction * 100)}%)…`;
}
