/**
 * What step 3's Run draws next. A changed form (std or seed) is drawn as it stands; otherwise
 * every press moves on to the next seed, so each press paints new noise and says which seed.
 */
import type { RunConfig } from '$lib/engine/config';

/** The largest seed a run link accepts. */
export const MAX_SEED = 2147483647;

export function nextRecipe(config: RunConfig, draft: { initStd: number; seed: number }): RunConfig {
	const changed = draft.initStd !== config.initStd || draft.seed !== config.seed;
	if (changed) return { ...config, initStd: draft.initStd, seed: draft.seed };
	return { ...config, seed: config.seed >= MAX_SEED ? 0 : config.seed + 1 };
}
