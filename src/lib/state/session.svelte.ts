/**
 * Who is signed in. The SDK keeps the token and the user record in localStorage, so the cached
 * user drives the UI offline and across restarts; an expired token only stops syncing until the
 * moderator signs in again. Signing out forgets the token, never the recorded events.
 */
import type { EventStore } from '$lib/storage';
import type { SessionUser, SyncClient } from '$lib/sync';

export type SignInError = 'wrong_password' | 'unreachable' | 'server' | 'missing';

/** Meta key: the user whose venues and people are in the reference cache. */
export const REFERENCE_USER_KEY = 'referenceUser';

export class Session {
	#user = $state<SessionUser | null>(null);
	#tokenValid = $state(false);
	#referenceUser = $state<string | null>(null);
	#ready = $state(false);

	constructor(
		private readonly client: SyncClient,
		private readonly store: EventStore
	) {
		this.#read();
		client.pb.authStore.onChange(() => this.#read());
		// A sync refused for the token shows the sign-in banner at once, not a minute later.
		client.onResult((result) => {
			if (result.status === 'auth_required') this.#read();
		});
		void store.getMeta<string>(REFERENCE_USER_KEY).then((id) => {
			this.#referenceUser = id ?? null;
			this.#ready = true;
		});
		// The token expires while the app is open: look again now and then.
		if (typeof window !== 'undefined') setInterval(() => this.#read(), 60_000);
	}

	#read(): void {
		this.#user = this.client.user;
		this.#tokenValid = this.client.tokenValid;
	}

	get user(): SessionUser | null {
		return this.#user;
	}

	get signedIn(): boolean {
		return this.#user !== null;
	}

	/** Signed in, but the token has expired: sign in again before the next sync. */
	get expired(): boolean {
		return this.#user !== null && !this.#tokenValid;
	}

	get ready(): boolean {
		return this.#ready;
	}

	/** True when the reference cache (venues, people) was loaded for the signed-in user. */
	get referenceIsMine(): boolean {
		return this.#user !== null && this.#referenceUser === this.#user.id;
	}

	async signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; error: SignInError }> {
		if (!email.trim() || !password) return { ok: false, error: 'missing' };
		try {
			const user = await this.client.signIn(email.trim(), password);
			await this.store.setMeta(REFERENCE_USER_KEY, user.id);
			this.#referenceUser = user.id;
			this.#read();
			return { ok: true };
		} catch (error) {
			this.#read();
			const status = (error as { status?: unknown }).status;
			if (status === 400 || status === 401 || status === 403) return { ok: false, error: 'wrong_password' };
			if (status === 0 || error instanceof TypeError) return { ok: false, error: 'unreachable' };
			return { ok: false, error: 'server' };
		}
	}

	/** Forgets the token only: events recorded on this tablet stay and sync after the next sign-in. */
	signOut(): void {
		this.client.signOut();
		this.#read();
	}
}
