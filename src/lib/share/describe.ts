/** What a share link contains, in words, for the share panel (and for the learner who opens it). */
import { TRAIN_COUNT } from '../data/mnistFiles';
import type { RunConfig } from '../engine/config';
import { modelLabel } from '../engine/models';
import { stepsOf, type ShareLink } from './link';
import { RUN_CONFIG_SCHEMA } from './runConfig';
import { formatCount } from '../formatCount';

/** "all 60,000 training digits", or a subset's size after `subset` ("the first 2,000 ..."). */
function digitsWords(config: RunConfig, subset: string): string {
	return config.trainSubset > 0
		? `${subset}${formatCount(config.trainSubset)} training digits`
		: `all ${formatCount(TRAIN_COUNT)} training digits`;
}

/** The whole recipe, as a share link carries it. */
export function recipeWords(config: RunConfig): string {
	return `${modelLabel(config, 'recipe')}, learning rate ${config.lr}, batches of ${config.batchSize}, ${config.order} order, seed ${config.seed}, ${config.epochs} epochs on ${digitsWords(config, 'the first ')}, ${config.accuracy} accuracy formula`;
}

/** The recipe of an imported model file, as the import report names it. */
export function importedRecipeWords(config: RunConfig): string {
	return `the ${modelLabel(config, 'named')}, learning rate ${config.lr}, batch ${config.batchSize}, ${config.order} batches, seed ${config.seed}, ${digitsWords(config, '')}`;
}

export function progressWords(link: ShareLink): string {
	const { epochsDone, batchesDone } = link.progress;
	const steps = stepsOf(link.progress, link.config);
	const plural = (n: number, word: string) =>
		`${formatCount(n)} ${word}${n === 1 ? '' : word === 'batch' ? 'es' : 's'}`;
	if (steps === 0) return 'no training yet';
	if (epochsDone === 0) return `${plural(batchesDone, 'batch')} of the first epoch`;
	const extra = batchesDone > 0 ? ` and ${plural(batchesDone, 'batch')}` : '';
	return `${plural(epochsDone, 'epoch')}${extra} (${plural(steps, 'batch')})`;
}

/** Labels of hidden control keys ("learning rate, batch size"). */
export function controlWords(keys: readonly string[]): string {
	const labels = new Map<string, string>(
		Object.values(RUN_CONFIG_SCHEMA).map((spec) => [spec.key, spec.label])
	);
	labels.set('presets', 'presets');
	labels.set('questions', 'the questions');
	return keys.map((k) => labels.get(k) ?? k).join(', ');
}

/** One line per thing the link carries. */
export function linkContents(link: ShareLink, modelChars: number | null): string[] {
	const lines = [`The recipe: ${recipeWords(link.config)}.`];
	if (modelChars !== null) {
		lines.push(
			`Your trained weights after ${progressWords(link)}, rounded to 8 bits each (${(modelChars / 1024).toFixed(1)} KB of the link, after the #, which browsers never send to a server). The recipient sees this model at once, without training.`
		);
	} else if (stepsOf(link.progress, link.config) === 0) {
		lines.push(
			'Progress: none yet. The recipient gets a fresh run of this recipe, from the same seed.'
		);
	} else {
		lines.push(
			`Progress: ${progressWords(link)}. The recipient's browser retrains the same run from its seed to there${link.checksum ? ` and compares the result with your weights (checksum ${link.checksum})` : ''}.`
		);
	}
	if (link.backend !== 'auto') lines.push(`Backend: ${link.backend} (forced).`);
	if (link.timelineStep !== null) {
		lines.push(`The timeline moment you are looking at: batch ${link.timelineStep}.`);
	}
	if (link.teacher.hide.length > 0) {
		lines.push(`Hidden from the recipient: ${controlWords(link.teacher.hide)}.`);
	}
	if (link.teacher.lock && link.place.page === 'lesson') {
		lines.push(`The recipient stays on this lesson step ("${link.place.step}").`);
	}
	return lines;
}
