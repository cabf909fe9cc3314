/**
 * An attachment that reports an element's width (its content box, whole pixels, rounded down so
 * a drawing of that width never overflows it) each time it changes.
 *
 * Used instead of `bind:clientWidth`, which reads clientWidth the moment the element mounts: in
 * the middle of the script that builds the panel, so the browser has to lay out the whole page
 * there and then. Traced at 4x CPU slowdown on step 4, that forced layout was a 60 ms block of
 * the task that draws the predictions. A ResizeObserver's first report comes with the browser's
 * own layout of the frame, before that frame is painted, so nothing is drawn at a wrong width.
 */
import type { Attachment } from 'svelte/attachments';

export function measureWidth(report: (width: number) => void): Attachment<HTMLElement> {
	return (element) => {
		const observer = new ResizeObserver(([entry]) => {
			if (entry) report(Math.floor(entry.contentRect.width));
		});
		observer.observe(element);
		return () => observer.disconnect();
	};
}
