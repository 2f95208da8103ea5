/**
 * The tablet's one event store and sync client, and the state classes built on them, made once
 * per page load (the app is a client-only SPA: `ssr = false`).
 */
import { EventStore } from '$lib/storage';
import { SyncClient } from '$lib/sync';
import { Session } from './session.svelte';
import { SyncStatusState } from './sync-status.svelte';
import { UpdateOffer } from './pwa.svelte';
import { LocaleState } from './locale.svelte';
import { ActivityState } from './activity.svelte';
import { KioskLock } from './kiosk-lock.svelte';

export interface App {
	store: EventStore;
	client: SyncClient;
	session: Session;
	status: SyncStatusState;
	update: UpdateOffer;
	locale: LocaleState;
	activity: ActivityState;
	/** Kiosk mode of this tablet (survives a reload; left only with the PIN). */
	kioskLock: KioskLock;
	/** Starts the background sync loop once (on start, on `online`, every 30 s). */
	startSync(): void;
	stopSync(): void;
}

/** The server serves the app, so its origin is the API; `vite dev` talks to VITE_PB_URL. */
export function serverUrl(): string {
	if (import.meta.env.DEV) return (import.meta.env.VITE_PB_URL as string | undefined) ?? 'http://127.0.0.1:8090';
	return location.origin;
}

let app: App | null = null;

export function getApp(): App {
	if (app) return app;
	const store = new EventStore();
	const client = new SyncClient(serverUrl(), store);
	const activity = new ActivityState();
	const session = new Session(client, store);
	const status = new SyncStatusState(client, store);
	let syncing = false;
	app = {
		store,
		client,
		session,
		status,
		update: new UpdateOffer(activity),
		locale: new LocaleState(),
		activity,
		kioskLock: new KioskLock(),
		startSync() {
			if (syncing) return;
			syncing = true;
			client.start();
		},
		stopSync() {
			syncing = false;
			client.stop();
		}
	};
	return app;
}
