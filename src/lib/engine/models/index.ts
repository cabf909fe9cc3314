import type { RunConfig } from '../config';
import { createRng, STREAM } from '../rng';
import { createLinear } from './linear';
import { createMlp } from './mlp';
import type { Model } from './model';

/** Builds the run's model with fresh weights drawn from the run's seed. */
export function createModel(
	config: Pick<RunConfig, 'model' | 'initStd' | 'hidden' | 'seed'>
): Model {
	const rng = createRng(config.seed, STREAM.init);
	return config.model === 'linear'
		? createLinear(config.initStd, rng)
		: createMlp(config.hidden, rng);
}

export type { Model, Param } from './model';
