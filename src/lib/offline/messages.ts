/**
 * What the page and the service worker say to each other, and the page-wide signal that a data
 * download is going on (so the service worker does not fetch the same 11 MB at the same time).
 */

/** Page to service worker: keep the data files too (the page's own download is over). */
export interface KeepDataRequest {
	type: 'keep-data';
}

/** Service worker to page: the whole site (app, pages, data) is kept, or what is missing. */
export type OfflineReply =
	{ type: 'offline-ready'; version: string } | { type: 'offline-incomplete'; missing: string[] };

/** Dispatched on window by EngineLink: 'loading' when a page starts its data, 'settled' after. */
export const DATA_ACTIVITY_EVENT = 'digit-lab:data';
export type DataActivity = 'loading' | 'settled';

export function announceData(activity: DataActivity): void {
	if (typeof window === 'undefined') return;
	window.dispatchEvent(new CustomEvent<DataActivity>(DATA_ACTIVITY_EVENT, { detail: activity }));
}
