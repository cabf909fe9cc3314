import { DataError } from '../data/idx';

/** An error as the learner reads it: what went wrong, without a stack. */
export function describeError(error: unknown): string {
	if (error instanceof DataError) return `Could not load MNIST: ${error.message}`;
	return error instanceof Error ? error.message : String(error);
}
