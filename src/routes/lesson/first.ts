/**
 * The lesson's first step, where the site's "Lesson" links go. A constant, not read from the
 * lesson's record: the pages that link here (every page's header, the error page) then carry
 * none of the lesson's code. A unit test holds it to the record (tests/unit/mnist/steps.test.ts).
 */
export const FIRST_STEP = 'data';
