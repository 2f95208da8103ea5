/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The service worker (registerType 'prompt'): a new version waits until the moderator applies it.
 * Never reloads by itself, and the offer is held back while a meeting is live.
 */
import type { ActivityState } from './activity.svelte';

export class UpdateOffer {
	#waiting = $state(false);
	#offlineReady = $state(false);
	#apply: ((reload?: boolean) => Promise<void>) | null = null;
	#started = false;

	constructor(private readonly activity: ActivityState) {}

	/** A new version is waiting and nothing live would be interrupted by applying it. */
	get visible(): boolean {
		return this.#waiting && this.activity.liveMeeting === null;
	}

	get waiting(): boolean {
		return this.#waiting;
	}

	get offlineReady(): boolean {
		return this.#offlineReady;
	}

	async start(): Promise<void> {
		if (this.#started || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
		this.#started = true;
		const { registerSW } = await import('virtual:pwa-register');
		this.#apply = registerSW({
			immediate: true,
			onNeedRefresh: () => {
				this.#waiting = true;
			},
			onOfflineReady: () => {
				this.#offlineReady = true;
			}
		});
	}

	/** Activates the waiting version; the page reloads once the new worker has taken over. */
	async apply(): Promise<void> {
		if (this.activity.liveMeeting !== null) return;
		await this.#apply?.(true);
	}
}
