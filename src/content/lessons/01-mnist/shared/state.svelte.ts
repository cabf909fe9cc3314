/**
 * What several steps of this lesson show, made once per session: the digits (counts, a gallery of
 * training digits and a few test digits to predict), the model's answer for the chosen test
 * digit, the batch loss, the gradient, the confusions, and the runs trained so far. The run's
 * own state (weights, epochs) is the session's RunState. The loss and the gradient are looks at a
 * batch without training (lookAhead.ts): each measure takes the batch after the last one shown.
 */
import type { RunConfig } from '$lib/engine/config';
import type {
	Confusion,
	DataSummary,
	DigitActivations,
	Digits,
	EpochMetrics,
	TensorSnapshot
} from '$lib/engine/protocol';
import { lookAt, nextAhead, type BatchLook, type GradientLook } from './lookAhead';
import type { Mnist } from './session';
import { fetchTrainLabels } from './trainLabels';
import { classExamples } from './trainOrder';

/** How many of each class the gallery shows at a time. */
export const GALLERY_PER_CLASS = 10;

/** A training run that finished, as the runs tables list it. */
export interface FinishedRun {
	label: string;
	config: RunConfig;
	epochs: EpochMetrics[];
	/** Its trained weights, so a later step can load the model back (step 13's pad). */
	weights: TensorSnapshot[] | null;
	/** The run's id and batches trained when it finished: is the worker still holding it? */
	runId: string;
	stepsDone: number;
}

/** The run a step's action is training now, and the name it will have in the tables. */
export interface TrainingRun {
	label: string;
	config: RunConfig;
}

export class MnistShared {
	summary = $state.raw<DataSummary | null>(null);
	/** Ten training digits of each class, in class order (100 x 784 bytes), and their file indices. */
	gallery = $state.raw<Digits | null>(null);
	galleryIndices = $state.raw<number[]>([]);
	/** Which ten of each class the gallery shows: 0 for the first ten, 10 for the next, ... */
	galleryFrom = $state(0);
	/** Which gallery digit the pixel table and the flatten view show. */
	focus = $state(0);
	/** A few test digits of each class to predict, and the one chosen. */
	testGallery = $state.raw<{ indices: number[]; digits: Digits } | null>(null);
	selectedTest = $state(0);
	digit = $state.raw<DigitActivations | null>(null);
	batchLoss = $state.raw<BatchLook | null>(null);
	gradient = $state.raw<GradientLook | null>(null);
	/** Why the last look at a batch or at more digits failed (the next press tries again). */
	lookError = $state<string | null>(null);
	confusion = $state.raw<Confusion | null>(null);
	runs = $state.raw<FinishedRun[]>([]);
	/** The run being trained by trainRecipe, until it joins `runs` (charts draw it live). */
	training = $state.raw<TrainingRun | null>(null);

	private labels: Promise<Uint8Array> | null = null;

	constructor(private readonly lesson: Mnist) {}

	private get run() {
		return this.lesson.run;
	}

	/** The counts of both sets, ten training digits of each class and two test digits of each. */
	async loadSummary(): Promise<void> {
		const summary = await this.run.call('dataSummary', {});
		if (!summary) return;
		const indices = summary.trainExamples.flat();
		const testIndices = summary.testExamples.flatMap((perClass) => perClass.slice(0, 2));
		const [gallery, tests] = await Promise.all([
			this.run.call('digits', { set: 'train', indices }),
			this.run.call('digits', { set: 'test', indices: testIndices })
		]);
		this.summary = summary;
		this.gallery = gallery ?? null;
		this.galleryIndices = indices;
		this.galleryFrom = 0;
		if (tests) {
			this.testGallery = { indices: testIndices, digits: tests };
			if (!testIndices.includes(this.selectedTest)) this.selectedTest = testIndices[0];
		}
	}

	/** The test digit after the chosen one in the row of test digits (step 4's next press). */
	get nextTest(): { index: number; label: number } | null {
		const tests = this.testGallery;
		if (!tests || tests.indices.length === 0) return null;
		const k = (tests.indices.indexOf(this.selectedTest) + 1) % tests.indices.length;
		return { index: tests.indices[k], label: tests.digits.labels[k] };
	}

	/** Runs a test digit (the chosen one by default) through the current model. */
	async predictSelected(index = this.selectedTest): Promise<void> {
		this.selectedTest = index;
		const snapshot = await this.run.call('snapshot', { digit: index });
		if (snapshot?.digit) this.digit = snapshot.digit;
	}

	/** The next ten of each class (back to the first ten once a class runs out). */
	async showMoreDigits(): Promise<void> {
		const labels = await this.trainLabels();
		if (!labels) return;
		let from = this.galleryFrom + GALLERY_PER_CLASS;
		let perClass = classExamples(labels, from, GALLERY_PER_CLASS);
		if (perClass.some((digits) => digits.length < GALLERY_PER_CLASS)) {
			from = 0;
			perClass = classExamples(labels, 0, GALLERY_PER_CLASS);
		}
		const indices = perClass.flat();
		const gallery = await this.run.call('digits', { set: 'train', indices });
		if (!gallery) return;
		this.gallery = gallery;
		this.galleryIndices = indices;
		this.galleryFrom = from;
	}

	/** The mean loss of the batch after the one shown (training's next one at first). */
	async measureBatchLoss(): Promise<void> {
		const ahead = nextAhead(this.batchLoss, this.run);
		this.batchLoss =
			(await lookAt(this.run, ahead, () => this.trainLabels(), false)) ?? this.batchLoss;
	}

	/** The gradient of the batch after the one shown (for the linear learner; else the next). */
	async computeGradient(): Promise<void> {
		const linear = this.lesson.config.model === 'linear';
		const ahead = linear ? nextAhead(this.gradient, this.run) : 0;
		this.gradient =
			(await lookAt(this.run, ahead, () => this.trainLabels(), true)) ?? this.gradient;
	}

	/** The training labels, fetched once; null (and a message) when they cannot be read. */
	private async trainLabels(): Promise<Uint8Array | null> {
		this.labels ??= fetchTrainLabels();
		try {
			const labels = await this.labels;
			this.lookError = null;
			return labels;
		} catch (error) {
			this.labels = null;
			this.lookError = `Could not read the training labels: ${(error as Error).message}. Press Run to try again.`;
			return null;
		}
	}

	async countConfusions(): Promise<void> {
		this.confusion = (await this.run.call('confusion', {})) ?? this.confusion;
	}

	/** Trains a fresh run of this recipe for its epochs and adds it to the table of runs. */
	async trainRecipe(config: RunConfig, label: string): Promise<void> {
		await this.lesson.reinitialise(config);
		this.training = { label, config };
		try {
			await this.run.train(config.epochs);
		} finally {
			this.training = null;
		}
		const { epochs, weights, runId, position } = this.run;
		if (epochs.length === 0) return;
		const stepsDone = position?.stepsDone ?? 0;
		this.runs = [...this.runs, { label, config, epochs, weights, runId, stepsDone }];
		await this.predictSelected();
	}

	/** A new run's weights make every answer above stale (the runs table keeps its history). */
	clearResults(): void {
		this.digit = this.batchLoss = this.gradient = this.confusion = null;
	}
}
