/**
 * The page's side of offline use (one per site, made by the root layout): registers the service
 * worker, asks it to keep the MNIST files once no page is downloading them itself, says once,
 * quietly, when the whole site is ready offline, and reloads once (never more) when the service
 * worker first takes control of a page that is not yet cross-origin isolated: the reload passes
 * through it and gets the isolation headers a static host cannot send (as coi-serviceworker does).
 */
import { browser, dev } from '$app/environment';
import { base } from '$app/paths';
import { DATA_ACTIVITY_EVENT, type DataActivity, type OfflineReply } from './messages';

/** localStorage: the notice was shown (it is said once per browser). */
const NOTICE_KEY = 'digit-lab:offline-notice';
/** sessionStorage: this tab already reloaded for isolation (so it never loops). */
const RELOAD_KEY = 'digit-lab:isolation-reload';
export const READY_WORDS =
	'Ready offline: every page, the lesson and the MNIST digits are saved in this browser.';

export class OfflineState {
	/** The one quiet line, or null. */
	notice = $state<string | null>(null);
	private downloads = 0;
	private registration: ServiceWorkerRegistration | null = null;
	private asked = false;
	private interacted = false;

	constructor() {
		// Listening from the start: a page's onMount (which starts its download) runs before ours.
		if (!browser) return;
		window.addEventListener(DATA_ACTIVITY_EVENT, (event) => {
			this.downloads += (event as CustomEvent<DataActivity>).detail === 'loading' ? 1 : -1;
			this.askForData();
		});
	}

	/** Call from the layout's onMount. The dev server is isolated by its headers: no worker there. */
	async start(): Promise<void> {
		if (dev || !('serviceWorker' in navigator)) return;
		for (const type of ['pointerdown', 'keydown']) {
			addEventListener(type, () => (this.interacted = true), { once: true, capture: true });
		}
		const container = navigator.serviceWorker;
		container.addEventListener('message', (event) => this.receive(event.data as OfflineReply));
		container.addEventListener('controllerchange', () => this.isolate());
		try {
			await container.register(`${base}/service-worker.js`);
			this.registration = await container.ready;
		} catch {
			return; // blocked (a private window, a test): the site simply works online
		}
		this.isolate();
		this.askForData();
	}

	dismiss(): void {
		this.notice = null;
	}

	private askForData(): void {
		if (this.asked || this.downloads > 0 || !this.registration?.active) return;
		this.asked = true;
		this.registration.active.postMessage({ type: 'keep-data' });
	}

	private receive(reply: OfflineReply): void {
		if (reply?.type !== 'offline-ready' || localStorage.getItem(NOTICE_KEY)) return;
		localStorage.setItem(NOTICE_KEY, reply.version);
		this.notice = READY_WORDS;
	}

	/** One reload, only before the learner has done anything, only if it can help. */
	private isolate(): void {
		if (crossOriginIsolated) {
			sessionStorage.removeItem(RELOAD_KEY);
			return;
		}
		if (!navigator.serviceWorker.controller || this.interacted) return;
		if (sessionStorage.getItem(RELOAD_KEY)) return;
		sessionStorage.setItem(RELOAD_KEY, '1');
		location.reload();
	}
}
