/**
 * The tabs of an open meeting, in the order a meeting runs. Each feature adds its tab here and
 * widens `route` by its route id.
 */
import { m } from '$lib/paraglide/messages.js';

export interface MeetingTab {
	/** The tab's route id (under /meetings/[id]). */
	readonly route:
		| '/meetings/[id]'
		| '/meetings/[id]/topics'
		| '/meetings/[id]/speaking'
		| '/meetings/[id]/votes'
		| '/meetings/[id]/consensus'
		| '/meetings/[id]/minutes';
	readonly testId: string;
	readonly label: () => string;
}

export const MEETING_TABS: readonly MeetingTab[] = [
	{ route: '/meetings/[id]', testId: 'tab-attendance', label: () => m.tab_attendance() },
	{ route: '/meetings/[id]/topics', testId: 'tab-topics', label: () => m.nav_topics() },
	{ route: '/meetings/[id]/speaking', testId: 'tab-speaking', label: () => m.speak_tab() },
	{ route: '/meetings/[id]/votes', testId: 'tab-votes', label: () => m.vote_tab() },
	{ route: '/meetings/[id]/consensus', testId: 'tab-consensus', label: () => m.consensus_tab() },
	{ route: '/meetings/[id]/minutes', testId: 'tab-minutes', label: () => m.minutes_tab() }
];
