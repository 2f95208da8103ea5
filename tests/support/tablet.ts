/**
 * A whole simulated tablet for integration tests: the real EventStore (on fake-indexeddb) and the
 * real SyncClient, optionally behind a faulty network.
 */
import 'fake-indexeddb/auto';
import { EventStore } from '../../src/lib/storage';
import { SyncClient, type Fetch } from '../../src/lib/sync';
import { demo, type DemoUser } from './demo';

let dbs = 0;

export interface Network {
	fetch: Fetch;
	/** false: every request fails as if the tablet were offline. */
	online: boolean;
	/** 0..1: how often a request or its answer is lost, duplicated or delayed. */
	chaos: number;
	/** Requests still in flight (delayed duplicates), to await at the end of a test. */
	inFlight: Set<Promise<unknown>>;
	/** How many faults were injected: lost requests, duplicates, lost answers. */
	faults: { lost: number; duplicated: number; answerLost: number };
}

/** A network that drops requests and answers, delivers requests twice (the copy late), and delays. */
export function faultyNetwork(random: () => number = Math.random): Network {
	const net: Network = {
		online: true,
		chaos: 0,
		inFlight: new Set(),
		faults: { lost: 0, duplicated: 0, answerLost: 0 },
		fetch: async (url, init) => {
			if (!net.online) throw new TypeError('fetch failed: offline');
			const roll = random();
			const c = net.chaos;
			await new Promise((r) => setTimeout(r, random() * 15 * c));
			if (roll < c * 0.25) {
				net.faults.lost++;
				throw new TypeError('fetch failed: request lost');
			}
			if (roll < c * 0.5) {
				net.faults.duplicated++;
				const late = (async () => {
					await new Promise((r) => setTimeout(r, random() * 60));
					return fetch(url, init).catch(() => null);
				})();
				net.inFlight.add(late);
				void late.finally(() => net.inFlight.delete(late));
				return fetch(url, init);
			}
			if (roll < c * 0.75) {
				net.faults.answerLost++;
				await fetch(url, init);
				throw new TypeError('fetch failed: answer lost');
			}
			return fetch(url, init);
		}
	};
	return net;
}

export interface Tablet {
	store: EventStore;
	sync: SyncClient;
	net: Network;
	close(): void;
}

export async function tablet(url: string, who: DemoUser, random?: () => number): Promise<Tablet> {
	const store = new EventStore(`yishi-test-${process.pid}-${++dbs}`);
	const net = faultyNetwork(random);
	const sync = new SyncClient(url, store, { fetch: net.fetch });
	await sync.signIn(demo.users[who], demo.password);
	return { store, sync, net, close: () => store.close() };
}
