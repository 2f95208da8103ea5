import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo } from '../support/demo';
import { FakeTablet } from '../support/factories';
import { pullAll, push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';

let pb: PocketBaseHandle;

beforeAll(async () => {
	pb = await startPocketBase();
});
afterAll(async () => {
	await pb?.stop();
});

function tabletWith500(device: string): { t: FakeTablet; m: string } {
	const t = new FakeTablet(device, demo.venues.kairong, demo.userIds.kairong);
	const m = t.openMeeting();
	for (let i = 0; i < 499; i++) t.checkIn(m, demo.people.kairongResident);
	return { t, m };
}

it('SIGKILL during 500-event pushes stores all of a push or none, then exactly once', async () => {
	// How long one such push takes here, to kill before, during and after its transaction.
	const probe = tabletWith500('tab-crash-probe');
	const started = Date.now();
	await push(pb.url, await signIn(pb.url, 'kairong'), probe.t.chain.device, probe.t.events);
	const took = Date.now() - started;
	const fractions = [0.2, 0.5, 0.8, 0.95, 1.1, 1.5];
	for (let round = 0; round < fractions.length; round++) {
		const token = await signIn(pb.url, 'kairong');
		const { t, m } = tabletWith500(`tab-crash-${round}`);
		const inFlight = push(pb.url, token, t.chain.device, t.events).catch(() => null);
		await new Promise((r) => setTimeout(r, took * fractions[round]!));
		await pb.kill('SIGKILL');
		const answer = await inFlight;
		await pb.restart();
		const admin = await signIn(pb.url, 'admin');
		const stored = (await pullAll(pb.url, admin, m)).length;
		expect([0, 500]).toContain(stored);
		console.log(`crash at ${fractions[round]} × ${took} ms: ${stored} stored, answered: ${answer?.status ?? 'no'}`);
		if (answer?.status === 200) expect(stored).toBe(500); // an answered push was committed
		const retry = await push(pb.url, token, t.chain.device, t.events);
		expect(retry.body.high).toBe(500);
		const statuses = new Set(retry.body.results.map((r: any) => r.status));
		expect([...statuses]).toEqual([stored === 500 ? 'duplicate' : 'accepted']);
		expect(await pullAll(pb.url, admin, m)).toEqual(t.events);
	}
});
