/**
 * A lesson is data: each step is a typed record naming its prose, the notebook's code for it,
 * the live panels beside the text, what its Run button asks the engine to do, and what state
 * the run must be in when the step is opened directly by its URL.
 */
import type { RequestType } from '../engine/protocol';

export const PANEL_IDS = [
	'dataGallery',
	'pixelTable',
	'classCounts',
	'flatten',
	'weightInit',
	'prediction',
	'loss',
	'gradient',
	'stepParams',
	'trainLinear',
	'accuracy',
	'netIntro',
	'trainNet',
	'overfitting',
	'conclusion'
] as const;

export type PanelId = (typeof PANEL_IDS)[number];

/** What the run must have before the step's panels make sense. */
export type Need = 'data' | 'weights' | 'prediction' | 'batchLoss' | 'gradient' | 'confusion';

export interface StepAction {
	/** The engine request the Run button sends (its name in protocol.ts). */
	request: RequestType;
	/** The button's words: "Run: re-initialise the weights". */
	label: string;
}

export interface SeedCode {
	/** The notebook's cell labels, e.g. "In [18]". */
	cells: string;
	/** Exactly as the notebook wrote it (where its export cut a line, the note says so). */
	code: string;
	/** One line on how Digit Lab does the same thing in TypeScript / tfjs. */
	tfjsNote: string;
}

export interface LessonStep {
	/** The URL segment: /lesson/<slug>. */
	slug: string;
	number: number;
	title: string;
	/** Markdown with KaTeX maths, rendered at build time. */
	prose: string;
	seed: SeedCode;
	panels: PanelId[];
	action: StepAction;
	needs: Need[];
}
