/**
 * Messages that are true only while the run trains: a request that needs the run standing still
 * (the engine's NEEDS_IDLE) is told in words naming a control the page has, and the words go when
 * the training stops. Pure; tested in node.
 */
export class TrainingNotes {
	private notes: string[] = [];

	/** The words for a request refused because the run trains; `pauseShown`: the page has Pause. */
	note(pauseShown: boolean): string {
		const words = pauseShown
			? 'This needs the run to stand still: press Pause (or wait for the training to finish), then try again.'
			: 'This needs the run to stand still: it is still training. Once it finishes, press the Run button again.';
		if (!this.notes.includes(words)) this.notes.push(words);
		return words;
	}

	/** The training stopped: `messages` without the notes that said it was training. */
	stopped(messages: string[]): string[] {
		if (this.notes.length === 0) return messages;
		const stale = new Set(this.notes);
		this.notes = [];
		return messages.filter((m) => !stale.has(m));
	}
}
