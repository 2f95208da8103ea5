/**
 * The status bar: online or not, events waiting to sync, the last successful sync, problems the
 * server reported, storage use. Dexie queries are watched once here.
 */
import { watch, type EventStore, type Problem } from '$lib/storage';
import { LAST_SYNC_KEY, type SyncClient, type SyncResult } from '$lib/sync';

const PERSIST_ASKED_KEY = 'persistAsked';
export const STORAGE_WARN_RATIO = 0.8;

export class SyncStatusState {
	#online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	#pending = $state(0);
	#pendingByStream = $state<Record<string, number>>({});
	#problems = $state<Problem[]>([]);
	#lastSync = $state<number | null>(null);
	#syncing = $state(false);
	#lastResult = $state<SyncResult | null>(null);
	#usage = $state<number | null>(null);
	#quota = $state<number | null>(null);
	#persisted = $state<boolean | null>(null);
	#now = $state(Date.now());
	#started = false;

	constructor(
		private readonly client: SyncClient,
		private readonly store: EventStore
	) {}

	/** Subscribes once: watches the store, listens to the network and sync results. */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		const store = this.store;
		watch(
			async () => ({
				pending: await store.pendingCount(),
				byStream: await store.pendingByStream(),
				problems: await store.problems(),
				last: (await store.getMeta<number>(LAST_SYNC_KEY)) ?? null
			}),
			(v) => {
				this.#pending = v.pending;
				this.#pendingByStream = v.byStream;
				this.#problems = v.problems;
				this.#lastSync = v.last;
			}
		);
		window.addEventListener('online', () => (this.#online = true));
		window.addEventListener('offline', () => (this.#online = false));
		this.client.onResult((r) => {
			this.#lastResult = r;
			if (r.status === 'ok') this.#online = true;
			else if (r.status === 'offline') this.#online = false;
			void this.measureStorage();
		});
		setInterval(() => (this.#now = Date.now()), 15_000);
		// Storage figures can wait until the first screen is drawn.
		setTimeout(() => void this.#firstRun(), 1_500);
	}

	async #firstRun(): Promise<void> {
		if (navigator.storage?.persisted) this.#persisted = await navigator.storage.persisted();
		const asked = await this.store.getMeta<boolean>(PERSIST_ASKED_KEY);
		if (!asked && navigator.storage?.persist) {
			this.#persisted = await navigator.storage.persist();
			await this.store.setMeta(PERSIST_ASKED_KEY, true);
		}
		await this.measureStorage();
	}

	async measureStorage(): Promise<void> {
		if (!navigator.storage?.estimate) return;
		const { usage, quota } = await navigator.storage.estimate();
		this.#usage = usage ?? null;
		this.#quota = quota ?? null;
	}

	async syncNow(): Promise<SyncResult> {
		this.#syncing = true;
		try {
			return await this.client.syncNow();
		} finally {
			this.#syncing = false;
		}
	}

	get online(): boolean {
		return this.#online;
	}
	get pending(): number {
		return this.#pending;
	}
	pendingIn(stream: string): number {
		return this.#pendingByStream[stream] ?? 0;
	}
	problemsIn(stream: string): number {
		return this.#problems.filter((p) => p.stream === stream).length;
	}
	get problems(): readonly Problem[] {
		return this.#problems;
	}
	get lastSync(): number | null {
		return this.#lastSync;
	}
	get syncing(): boolean {
		return this.#syncing;
	}
	get lastResult(): SyncResult | null {
		return this.#lastResult;
	}
	get usage(): number | null {
		return this.#usage;
	}
	get quota(): number | null {
		return this.#quota;
	}
	get persisted(): boolean | null {
		return this.#persisted;
	}
	get storageRatio(): number | null {
		return this.#usage !== null && this.#quota ? this.#usage / this.#quota : null;
	}
	get storageWarning(): boolean {
		return (this.storageRatio ?? 0) > STORAGE_WARN_RATIO;
	}
	/** A clock that ticks for relative times ("2 分钟前"). */
	get now(): number {
		return this.#now;
	}
}
