/**
 * Opening a share link: either replay the sender's run (rebuild it from recipe and seed, train to
 * the saved progress, then compare a checksum of the weights with the sender's), or load the
 * trained model the link carries and show it at once. Either way the learner sees what happens
 * and can skip a replay to start fresh.
 */
import { indexAtStep } from '../engine/history';
import type { TensorSnapshot } from '../engine/protocol';
import { weightsChecksum } from '../share/checksum';
import { stepsOf, type ShareLink } from '../share/link';
import { unpackModel } from '../share/modelPack';
import type { RunState } from './run.svelte';

export type ReplayPhase = 'none' | 'replaying' | 'done' | 'skipped' | 'model';
/** identical: bit for bit the sender's weights; different: not; unchecked: no checksum given. */
export type Verdict = 'identical' | 'different' | 'unchecked';

export class ReplayState {
	phase = $state<ReplayPhase>('none');
	verdict = $state<Verdict | null>(null);
	/** The batches to replay, and the link being replayed. */
	targetSteps = $state(0);
	link = $state.raw<ShareLink | null>(null);
	/** Our checksum after the replay, to show next to the sender's. */
	ours = $state<string | null>(null);

	constructor(private readonly run: RunState) {}

	/** The loaded model's score on the test digits (a model link's), once measured. */
	get scored() {
		return this.run.scored;
	}

	/** Getters, not $derived: they read the run (itself runes), which fields cannot see yet. */
	get stepsDone(): number {
		return this.run.position?.stepsDone ?? 0;
	}

	get fraction(): number {
		return this.targetSteps > 0 ? Math.min(1, this.stepsDone / this.targetSteps) : 0;
	}

	/** Trains the (already configured) run to the link's progress; resolves when done or skipped. */
	async replay(link: ShareLink): Promise<void> {
		this.link = link;
		this.targetSteps = stepsOf(link.progress, link.config);
		await this.run.whenReady();
		if (JSON.stringify(this.run.config) !== JSON.stringify(link.config)) {
			await this.run.applyConfig(link.config);
		}
		if (this.targetSteps === 0) return;
		this.phase = 'replaying';
		if (link.progress.epochsDone > 0) await this.run.train(link.progress.epochsDone);
		for (let i = 0; i < link.progress.batchesDone && this.phase === 'replaying'; i++) {
			await this.run.step();
		}
		if (this.phase !== 'replaying') return;
		if (this.stepsDone !== this.targetSteps) {
			// Training stopped early (an error is already on the page): nothing to compare.
			this.phase = 'skipped';
			return;
		}
		await this.run.refreshWeights();
		this.ours = this.run.weights ? weightsChecksum(this.run.weights) : null;
		this.verdict =
			link.checksum === null
				? 'unchecked'
				: this.ours === link.checksum
					? 'identical'
					: 'different';
		this.phase = 'done';
		await this.showMoment(link);
	}

	/**
	 * Opens a link read from the page's URL: its trained model when it carries one (a broken one
	 * is reported through `notify` and the fresh run stays), otherwise a replay to its progress.
	 */
	async open(link: ShareLink, model: string | null, notify: (messages: string[]) => void) {
		if (model === null) return this.replay(link);
		const unpacked = await unpackModel(model, link.config);
		if (unpacked.messages.length > 0) notify(unpacked.messages);
		if (unpacked.value) await this.loadModel(link, unpacked.value);
	}

	/** Stops the replay and starts the same recipe fresh. */
	async skip(): Promise<void> {
		if (this.phase !== 'replaying') return;
		this.phase = 'skipped';
		await this.run.reset();
	}

	/** Puts the link's trained weights into the run: no training, shown at once. */
	async loadModel(link: ShareLink, weights: TensorSnapshot[]): Promise<boolean> {
		this.link = link;
		await this.run.whenReady();
		const loaded = await this.run.loadModel(link.config, weights, link.progress.epochsDone);
		if (loaded) this.phase = 'model';
		// Its test accuracy at once: one validation pass in the worker, no training.
		if (loaded) await this.run.score();
		return loaded;
	}

	dismiss(): void {
		this.phase = 'none';
	}

	private async showMoment(link: ShareLink): Promise<void> {
		if (link.timelineStep === null) return;
		await this.run.refreshHistory();
		if (this.run.history.length > 0) {
			this.run.scrub(indexAtStep(this.run.history, link.timelineStep));
		}
	}
}
