/**
 * Reads that training does not wait for: the loss groups and the first epoch's weight snapshots
 * are read back while the next batches train (on WebGL, awaiting a read drains the GPU's queue
 * of work). A failure (a loss that stopped being a number) is kept and thrown at the next batch.
 */
export class BackgroundReads {
	private failure: unknown = null;

	/** Lets `reading` run on; keeps its failure, if any, for throwIfFailed. */
	add(reading: Promise<unknown>): void {
		reading.catch((error: unknown) => {
			this.failure ??= error;
		});
	}

	/** Throws the first failure kept since the last call (once). */
	throwIfFailed(): void {
		const failure = this.failure;
		this.failure = null;
		if (failure) throw failure;
	}

	/** Forgets a kept failure (the run was reset). */
	clear(): void {
		this.failure = null;
	}
}
