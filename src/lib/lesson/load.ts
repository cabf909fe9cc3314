/**
 * Turns a lesson folder's files, found with import.meta.glob, into ordered steps. The glob lives
 * in the lesson's own lesson.ts (its paths are relative to it); this only reads the keys:
 * ./steps/NN-slug/step.ts. The folders' numbers give the order, so adding a step is adding a
 * folder; a folder whose name does not end in its record's slug is refused.
 */
import type { LessonStep, SessionRun, StepRecord, StepText } from './types';

const FOLDER = /(?:^|\/)steps\/((\d+)-([a-z][a-z0-9-]*))\/[^/]+$/;

/** The step folder a globbed path is in: { folder: "08-train", order: 8, slug: "train" }. */
export function stepFolder(path: string): { folder: string; order: number; slug: string } {
	const match = FOLDER.exec(path);
	if (!match) throw new Error(`${path} is not in a steps/NN-slug/ folder`);
	return { folder: match[1], order: Number(match[2]), slug: match[3] };
}

/** The step records of `import.meta.glob('./steps/* /step.ts', { eager: true })`, in order. */
export function collectSteps<S, R extends SessionRun = SessionRun>(
	modules: Record<string, { default: StepRecord<S, R> }>
): LessonStep<S, R>[] {
	const found = Object.entries(modules).map(([path, module]) => {
		const { folder, order, slug } = stepFolder(path);
		if (module.default.slug !== slug) {
			throw new Error(`${path}: the folder says "${slug}", the record "${module.default.slug}"`);
		}
		return { folder, order, record: module.default };
	});
	found.sort((a, b) => a.order - b.order);
	found.forEach((step, i) => {
		if (i > 0 && step.order === found[i - 1].order) {
			throw new Error(
				`two steps are numbered ${step.order}: ${found[i - 1].folder}, ${step.folder}`
			);
		}
	});
	return found.map(({ folder, record }, i) => ({ ...record, number: i + 1, folder }));
}

/**
 * Each step's prose and notebook code by folder, from two raw globs:
 * `./steps/* /prose.md` and `./steps/* /notebook.py` (query '?raw', import 'default').
 */
export function collectTexts(
	prose: Record<string, string>,
	code: Record<string, string>
): Record<string, StepText> {
	const texts: Record<string, StepText> = {};
	for (const [path, text] of Object.entries(prose)) {
		texts[stepFolder(path).folder] = { prose: text, code: '' };
	}
	for (const [path, text] of Object.entries(code)) {
		const { folder } = stepFolder(path);
		if (!texts[folder]) throw new Error(`${path} has no prose.md beside it`);
		texts[folder].code = text;
	}
	return texts;
}
