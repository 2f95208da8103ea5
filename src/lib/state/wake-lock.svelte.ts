/** Keeps the screen on while a meeting is live; re-acquired when the tab becomes visible again. */
export class ScreenWakeLock {
	#sentinel: WakeLockSentinel | null = null;
	#wanted = false;
	#held = $state(false);
	#onVisible = () => {
		if (document.visibilityState === 'visible' && this.#wanted) void this.#acquire();
	};

	get held(): boolean {
		return this.#held;
	}

	async keepOn(): Promise<void> {
		if (this.#wanted) return;
		this.#wanted = true;
		document.addEventListener('visibilitychange', this.#onVisible);
		await this.#acquire();
	}

	async #acquire(): Promise<void> {
		if (!('wakeLock' in navigator) || this.#sentinel) return;
		try {
			const sentinel = await navigator.wakeLock.request('screen');
			this.#sentinel = sentinel;
			this.#held = true;
			sentinel.addEventListener('release', () => {
				this.#sentinel = null;
				this.#held = false;
			});
		} catch {
			this.#held = false; // not allowed now (e.g. hidden, or battery saver); tried again on visible
		}
	}

	release(): void {
		this.#wanted = false;
		document.removeEventListener('visibilitychange', this.#onVisible);
		void this.#sentinel?.release();
		this.#sentinel = null;
		this.#held = false;
	}
}
