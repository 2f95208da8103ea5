/**
 * The sync engine: speaks sync protocol v1 (pocketbase/protocol.md) with PocketBase. The only module
 * that imports the PocketBase SDK.
 * One sync at a time (Web Locks across tabs, a promise within one): push the outbox in pages of
 * at most 500 events in seq order, then pull after this user's cursor until nothing more.
 * Failures come back as a result, never as a throw; `start()` retries with backoff and jitter.
 */
import PocketBase, { ClientResponseError, type AuthRecord, type BaseAuthStore } from 'pocketbase';
import type { VerifyReport } from '../domain';
import type { EventStore, PushResult } from '../storage';

export type SyncStatus = 'ok' | 'offline' | 'auth_required' | 'busy' | 'error';

export interface SyncResult {
	status: SyncStatus;
	pushed: number;
	pulled: number;
	problems: number;
	message: string;
	at: number;
}

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: 'admin' | 'office' | 'moderator' | 'member';
	venues: string[];
	region: string;
}

interface PushResponse {
	results: PushResult[];
	high: number;
}

interface PullResponse {
	events: unknown[];
	cursor: string;
	more: boolean;
}

const PUSH_PAGE = 500;
const PULL_PAGE = 500;
const REFERENCE_MAX_AGE_MS = 10 * 60 * 1000;

export const LAST_SYNC_KEY = 'lastSyncAt';
const cursorKey = (user: string) => `cursor:${user}`;
const REFERENCE_KEY = 'referenceAt';
/** Meta keys of the region tree and the screening checklists, cached for offline screening. */
export const REGIONS_KEY = 'ref:regions';
export const SCREENING_RULES_KEY = 'ref:screening_rules';

function toSessionUser(record: AuthRecord): SessionUser | null {
	if (!record) return null;
	return {
		id: record.id,
		email: String(record.email ?? ''),
		name: String(record.name ?? ''),
		role: record.role as SessionUser['role'],
		venues: Array.isArray(record.venues) ? (record.venues as string[]) : [],
		region: String(record.region ?? '')
	};
}

function classify(error: unknown): { status: SyncStatus; message: string } {
	if (error instanceof ClientResponseError) {
		if (error.status === 0) return { status: 'offline', message: 'server not reachable' };
		if (error.status === 401) return { status: 'auth_required', message: 'sign in again to sync' };
		return { status: 'error', message: `${error.status}: ${error.message}` };
	}
	return { status: 'error', message: error instanceof Error ? error.message : String(error) };
}

export type Fetch = (url: RequestInfo | URL, config?: RequestInit) => Promise<Response>;

export interface SyncOptions {
	authStore?: BaseAuthStore;
	/** A fetch of one's own (tests put a faulty network here). */
	fetch?: Fetch;
}

export class SyncClient {
	readonly pb: PocketBase;
	readonly #fetch: Fetch | undefined;
	#running: Promise<SyncResult> | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#failures = 0;
	#listeners = new Set<(result: SyncResult) => void>();
	#onOnline = () => void this.syncNow();

	constructor(
		baseUrl: string,
		private readonly store: EventStore,
		options: SyncOptions = {}
	) {
		this.pb = new PocketBase(baseUrl, options.authStore);
		this.pb.autoCancellation(false);
		this.#fetch = options.fetch;
	}

	/** Options for every request: never auto-cancelled, through the chosen fetch. */
	get #req(): { requestKey: null; fetch?: Fetch } {
		return this.#fetch ? { requestKey: null, fetch: this.#fetch } : { requestKey: null };
	}

	get user(): SessionUser | null {
		return toSessionUser(this.pb.authStore.record);
	}

	/** False when there is no token or it has expired: sign in before the next sync. */
	get tokenValid(): boolean {
		return this.pb.authStore.isValid;
	}

	async signIn(email: string, password: string): Promise<SessionUser> {
		await this.pb.collection('users').authWithPassword(email, password, this.#req);
		const user = this.user;
		if (!user) throw new Error('signed in without a user record');
		await this.refreshReference(true);
		return user;
	}

	/** Forgets the token only: recorded events stay on the tablet for the next sign-in. */
	signOut(): void {
		this.pb.authStore.clear();
	}

	onResult(listener: (result: SyncResult) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Runs one sync, or joins the one already running. */
	syncNow(): Promise<SyncResult> {
		if (this.#running) return this.#running;
		const run = this.#withLock(() => this.#sync()).finally(() => {
			this.#running = null;
		});
		this.#running = run;
		return run.then((result) => {
			for (const listener of this.#listeners) listener(result);
			return result;
		});
	}

	async #withLock(fn: () => Promise<SyncResult>): Promise<SyncResult> {
		const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
		if (!locks) return fn();
		const result = await locks.request('yishi-sync', { ifAvailable: true }, (lock) =>
			lock ? fn() : null
		);
		return result ?? (await this.#result('busy', 0, 0, 'another window is syncing'));
	}

	async #sync(): Promise<SyncResult> {
		if (!this.tokenValid || !this.user) return this.#result('auth_required', 0, 0, 'sign in to sync');
		// The browser knows it has no network: don't even try.
		if (typeof navigator !== 'undefined' && navigator.onLine === false) {
			this.#failures++;
			return this.#result('offline', 0, 0, 'no network');
		}
		let pushed = 0;
		let pulled = 0;
		try {
			pushed = await this.#push();
			await this.#uploadPhotos();
			pulled = await this.#pull(this.user.id);
			await this.refreshReference(false);
			await this.store.setMeta(LAST_SYNC_KEY, Date.now());
			this.#failures = 0;
			return this.#result('ok', pushed, pulled, '');
		} catch (error) {
			this.#failures++;
			const { status, message } = classify(error);
			return this.#result(status, pushed, pulled, message);
		}
	}

	async #push(): Promise<number> {
		const device = await this.store.device();
		let pushed = 0;
		let lastHigh = -1;
		for (;;) {
			const events = await this.store.pending(PUSH_PAGE);
			if (events.length === 0) return pushed;
			const response = await this.pb.send<PushResponse>('/api/sync/push', {
				method: 'POST',
				body: { device, events },
				...this.#req
			});
			await this.store.applyPush(response.results, response.high);
			pushed += response.results.filter((r) => r.status === 'accepted' || r.status === 'duplicate').length;
			// A page that moved nothing forward (the server answers only gaps) must not loop forever.
			if (response.high === lastHigh && response.results.every((r) => r.status === 'gap')) return pushed;
			lastHigh = response.high;
		}
	}

	/**
	 * Uploads the photos the server does not hold yet, after their events were pushed. The record
	 * id is the photo's id, so an upload repeated after an interruption (the answer lost) finds the
	 * record there and marks the photo uploaded. A photo the server refuses keeps the reason and is
	 * not sent again; a network failure ends the sync and it is retried with the usual backoff.
	 */
	async #uploadPhotos(): Promise<number> {
		let uploaded = 0;
		for (const photo of await this.store.pendingPhotos()) {
			const form = new FormData();
			form.append('id', photo.id);
			form.append('stream', photo.stream);
			form.append('venue', photo.venue);
			form.append('sha256', photo.sha256);
			form.append('file', new File([photo.blob], `${photo.id}.jpg`, { type: 'image/jpeg' }));
			try {
				await this.pb.collection('photos').create(form, this.#req);
			} catch (error) {
				if (!(error instanceof ClientResponseError) || error.status === 0 || error.status === 401 || error.status >= 500) throw error;
				if (!(await this.#photoStored(photo.id))) {
					await this.store.markPhoto(photo.id, false, `${error.status}: ${error.message}`);
					continue;
				}
			}
			await this.store.markPhoto(photo.id, true);
			uploaded++;
		}
		return uploaded;
	}

	async #photoStored(id: string): Promise<boolean> {
		try {
			await this.pb.collection('photos').getOne(id, this.#req);
			return true;
		} catch (error) {
			if (error instanceof ClientResponseError && error.status === 404) return false;
			throw error;
		}
	}

	async #pull(user: string): Promise<number> {
		let cursor = (await this.store.getMeta<string>(cursorKey(user))) ?? '';
		let pulled = 0;
		for (;;) {
			const page = await this.pb.send<PullResponse>('/api/sync/pull', {
				method: 'GET',
				query: { after: cursor, limit: PULL_PAGE },
				...this.#req
			});
			const { added } = await this.store.ingest(page.events);
			pulled += added;
			cursor = page.cursor;
			await this.store.setMeta(cursorKey(user), cursor);
			if (!page.more) return pulled;
		}
	}

	/**
	 * Asks the server whether a meeting's record matches a fingerprint (public: no sign-in).
	 * Returns the report, or a message when the server cannot answer.
	 */
	async verify(stream: string, fingerprint: string): Promise<{ ok: true; report: VerifyReport } | { ok: false; status: number; message: string }> {
		try {
			const report = await this.pb.send<VerifyReport>('/api/verify', {
				method: 'GET',
				query: { stream, fp: fingerprint },
				headers: { Authorization: '' },
				...this.#req
			});
			return { ok: true, report };
		} catch (error) {
			if (error instanceof ClientResponseError) return { ok: false, status: error.status, message: error.message };
			return { ok: false, status: 0, message: error instanceof Error ? error.message : String(error) };
		}
	}

	/** Caches the venues and people this user may read, for offline use. */
	async refreshReference(force: boolean): Promise<void> {
		const last = (await this.store.getMeta<number>(REFERENCE_KEY)) ?? 0;
		if (!force && Date.now() - last < REFERENCE_MAX_AGE_MS) return;
		const venues = await this.pb.collection('venues').getFullList({ expand: 'region', ...this.#req });
		const people = await this.pb.collection('people').getFullList(this.#req);
		await this.store.replaceReference(
			venues.map((v) => ({
				id: v.id,
				name: String(v.name ?? ''),
				kind: String(v.kind ?? ''),
				region: String(v.region ?? ''),
				regionName: String((v.expand?.region as { name?: string } | undefined)?.name ?? '')
			})),
			people.map((p) => ({
				id: p.id,
				venue: String(p.venue ?? ''),
				name: String(p.name ?? ''),
				kind: String(p.kind ?? ''),
				role: String(p.role ?? ''),
				sector: String(p.sector ?? ''),
				organisation: String(p.organisation ?? ''),
				phoneMasked: String(p.phone_masked ?? '')
			}))
		);
		// The region tree (where a topic may be escalated or delegated) and the checklists.
		const regions = await this.pb.collection('regions').getFullList(this.#req);
		await this.store.setMeta(
			REGIONS_KEY,
			regions.map((r) => ({ id: r.id, name: String(r.name ?? ''), level: String(r.level ?? ''), parent: String(r.parent ?? '') }))
		);
		const rules = await this.pb.collection('screening_rules').getFullList(this.#req);
		await this.store.setMeta(
			SCREENING_RULES_KEY,
			rules.map((r) => ({
				id: r.id,
				region: String(r.region ?? ''),
				kind: r.kind === 'not_consult' ? 'not_consult' : 'consult',
				text: String(r.text ?? ''),
				order: Number(r.order ?? 0)
			}))
		);
		await this.store.setMeta(REFERENCE_KEY, Date.now());
	}

	/** Adds an item to a region's screening checklist (online only), then refreshes the cache. */
	async addScreeningRule(rule: { region: string; kind: 'consult' | 'not_consult'; text: string; order: number }): Promise<void> {
		await this.pb.collection('screening_rules').create(rule, this.#req);
		await this.refreshReference(true);
	}

	/** Removes an item from a checklist (online only; screenings that applied it keep its text). */
	async removeScreeningRule(id: string): Promise<void> {
		await this.pb.collection('screening_rules').delete(id, this.#req);
		await this.refreshReference(true);
	}

	async #result(status: SyncStatus, pushed: number, pulled: number, message: string): Promise<SyncResult> {
		const problems = (await this.store.problems()).length;
		return { status, pushed, pulled, problems, message, at: Date.now() };
	}

	/**
	 * Syncs soon after start (`firstDelayMs`, so the first screen is drawn before sync competes
	 * with it for IndexedDB), on `online`, every `intervalMs`, and after a failure with backoff
	 * and jitter.
	 */
	start(intervalMs = 30_000, firstDelayMs = 1_000): void {
		if (typeof window !== 'undefined') window.addEventListener('online', this.#onOnline);
		const loop = async () => {
			const result = await this.syncNow();
			const failed = result.status === 'offline' || result.status === 'error';
			const base = failed ? Math.min(60_000, 1000 * 2 ** Math.min(this.#failures, 6)) : intervalMs;
			this.#timer = setTimeout(() => void loop(), base * (0.5 + Math.random() / 2));
		};
		this.#timer = setTimeout(() => void loop(), firstDelayMs);
	}

	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (typeof window !== 'undefined') window.removeEventListener('online', this.#onOnline);
	}
}
