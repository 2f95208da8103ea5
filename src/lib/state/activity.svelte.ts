/** What the moderator is doing right now that must not be interrupted (e.g. a live meeting). */
export class ActivityState {
	#liveMeeting = $state<string | null>(null);

	get liveMeeting(): string | null {
		return this.#liveMeeting;
	}

	enterLive(stream: string): void {
		this.#liveMeeting = stream;
	}

	leaveLive(stream: string): void {
		if (this.#liveMeeting === stream) this.#liveMeeting = null;
	}
}
