/**
 * Epoch loop shared by the command-line trainer and the benchmark: trains whole epochs without
 * the worker's pause/resume machinery.
 */
import type { EpochMetrics } from './protocol';
import type { Run } from './run';

export async function trainEpochs(
	run: Run,
	epochs: number,
	onEpoch: (metrics: EpochMetrics) => void
): Promise<EpochMetrics[]> {
	const history: EpochMetrics[] = [];
	const target = run.position.epochsDone + epochs;
	while (run.position.epochsDone < target) {
		const metrics = await run.trainBatch();
		if (metrics) {
			history.push(metrics);
			onEpoch(metrics);
		}
	}
	return history;
}
