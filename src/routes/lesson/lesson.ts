/**
 * Which lesson the /lesson pages teach: the route wires the lesson's content folder to the
 * generic runtime in $lib/lesson (src/lib never imports src/content; this file does).
 */
import lesson from '$content/lessons/01-mnist/lesson';

export const LESSON = lesson;
export type Lesson = typeof lesson;
