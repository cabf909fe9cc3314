/** A note that the run is training names a control the page has, and goes when training stops. */
import { describe, expect, it } from 'vitest';
import { TrainingNotes } from '$lib/state/trainingNotes';

describe('TrainingNotes', () => {
	it('names Pause only where the page has one', () => {
		const notes = new TrainingNotes();
		expect(notes.note(true)).toMatch(/press Pause/);
		expect(notes.note(false)).not.toMatch(/Pause/);
		expect(notes.note(false)).toMatch(/press the Run button again/);
	});

	it('drops its notes, and only them, when the training stops', () => {
		const notes = new TrainingNotes();
		const busy = notes.note(false);
		const other = 'HTTP 404';
		expect(notes.stopped([other, busy])).toEqual([other]);
		// Nothing noted since: the messages come back as they were (same array).
		const messages = [other];
		expect(notes.stopped(messages)).toBe(messages);
	});
});
