/** "a 7", "an 8": a digit named with its article, as the lesson's sentences say it. */
export function aDigit(digit: number | string): string {
	return `${String(digit) === '8' ? 'an' : 'a'} ${digit}`;
}
