/**
 * Where the site's skip link goes on a step: past the header, the rail and the prose, straight
 * to what the learner does. The question takes the id when the step asks one (and a teacher did
 * not hide it), else the Run button.
 */
export const SKIP_TARGET = 'step-start';

export function skipLink(asks: boolean): { target: string; label: string } {
	return {
		target: SKIP_TARGET,
		label: asks ? 'Skip to the step’s question' : 'Skip to the step’s Run button'
	};
}
