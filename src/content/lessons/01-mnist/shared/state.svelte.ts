/**
 * What several steps of this lesson show, made once per session: the digits (counts, a gallery of
 * training digits and a few test digits to predict), the model's answer for the chosen test
 * digit, the batch loss, the gradient, the confusions, and the runs trained so far. The run's
 * own state (weights, epochs) is the session's RunState.
 */
import type { RunConfig } from '$lib/engine/config';
import type {
	BatchLoss,
	Confusion,
	DataSummary,
	DigitActivations,
	Digits,
	EpochMetrics,
	GradientReport,
	TensorSnapshot
} from '$lib/engine/protocol';
import type { Mnist } from './session';

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
	/** Ten training digits of each class, in class order (100 x 784 bytes). */
	gallery = $state.raw<Digits | null>(null);
	/** Which gallery digit the pixel table and the flatten view show. */
	focus = $state(0);
	/** A few test digits of each class to predict, and the one chosen. */
	testGallery = $state.raw<{ indices: number[]; digits: Digits } | null>(null);
	selectedTest = $state(0);
	digit = $state.raw<DigitActivations | null>(null);
	batchLoss = $state.raw<BatchLoss | null>(null);
	gradient = $state.raw<GradientReport | null>(null);
	confusion = $state.raw<Confusion | null>(null);
	runs = $state.raw<FinishedRun[]>([]);
	/** The run being trained by trainRecipe, until it joins `runs` (charts draw it live). */
	training = $state.raw<TrainingRun | null>(null);

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
		if (tests) {
			this.testGallery = { indices: testIndices, digits: tests };
			if (!testIndices.includes(this.selectedTest)) this.selectedTest = testIndices[0];
		}
	}

	/** Runs a test digit (the chosen one by default) through the current model. */
	async predictSelected(index = this.selectedTest): Promise<void> {
		this.selectedTest = index;
		const snapshot = await this.run.call('snapshot', { digit: index });
		if (snapshot?.digit) this.digit = snapshot.digit;
	}

	async measureBatchLoss(): Promise<void> {
		this.batchLoss = (await this.run.call('evaluate', {})) ?? this.batchLoss;
	}

	async computeGradient(): Promise<void> {
		this.gradient = (await this.run.call('gradient', {})) ?? this.gradient;
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
