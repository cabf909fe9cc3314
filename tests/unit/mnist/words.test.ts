import { describe, expect, it } from 'vitest';
import { aDigit } from '../../../src/content/lessons/01-mnist/shared/words';

describe('aDigit', () => {
	it('names a digit with the article it is read with', () => {
		expect(aDigit(7)).toBe('a 7');
		expect(aDigit(8)).toBe('an 8');
		expect(aDigit('8')).toBe('an 8');
		expect(aDigit(0)).toBe('a 0');
	});
});
