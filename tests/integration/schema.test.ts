// The server schema against a real PocketBase: demo sign-ins, API rules per role,
// hidden phones, append-only events, and YISHI_DEMO=0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type DemoUser } from '../support/demo';
import { startPocketBase, userToken, type PocketBaseHandle } from '../support/pocketbase';

// A test-only route that writes events from code, as the push route does.
const testHooks = {
	'zz_test_events.pb.js': `
routerAdd('POST', '/test/events', (e) => {
	const body = e.requestInfo().body;
	const record = new Record($app.findCollectionByNameOrId('events'));
	for (const key of Object.keys(body)) record.set(key, body[key]);
	$app.save(record);
	let updateError = '';
	try { record.set('type', 'changed'); $app.save(record); } catch (err) { updateError = String(err); }
	let deleteError = '';
	try { $app.delete(record); } catch (err) { deleteError = String(err); }
	return e.json(200, { updateError, deleteError });
}, $apis.requireSuperuserAuth());
`
};

const hex = (n: number) => n.toString(16).padStart(32, '0');
const event = (n: number) => ({
	id: hex(n),
	stream: hex(1000),
	venue: demo.venues.kairong,
	device: 'tab-test',
	seq: n,
	hlc: '001764144000000:00001',
	at: '2026-11-26T08:00:00.000Z',
	actor: demo.userIds.kairong,
	type: 'meeting.opened',
	v: 1,
	pos: n,
	raw: JSON.stringify({ id: hex(n), n })
});

let pb: PocketBaseHandle;
const tokens = {} as Record<DemoUser | 'superuser', string>;

async function api(path: string, token = '', init: RequestInit = {}) {
	const res = await fetch(pb.url + path, {
		...init,
		headers: { 'content-type': 'application/json', ...(token ? { Authorization: token } : {}) }
	});
	const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
	return { status: res.status, body };
}

async function list(collection: string, token = '') {
	const { status, body } = await api(`/api/collections/${collection}/records?perPage=500`, token);
	expect(status).toBe(200);
	return (body?.items ?? []) as Array<Record<string, unknown>>;
}

const ids = (items: Array<Record<string, unknown>>) => items.map((i) => i.id).sort();

beforeAll(async () => {
	pb = await startPocketBase({ extraHooks: testHooks });
	for (const key of Object.keys(demo.users) as DemoUser[]) {
		tokens[key] = await userToken(pb.url, demo.users[key], demo.password);
	}
	tokens.superuser = await pb.superuserToken();
});
afterAll(async () => {
	await pb?.stop();
});

describe('API rules', () => {
	it('lets a moderator read only their venue and its people', async () => {
		expect(ids(await list('venues', tokens.kairong))).toEqual([demo.venues.kairong]);
		const people = await list('people', tokens.kairong);
		expect(people).toHaveLength(demo.peopleCount.kairong);
		expect(new Set(people.map((p) => p.venue))).toEqual(new Set([demo.venues.kairong]));

		expect(ids(await list('venues', tokens.linyuan))).toEqual([demo.venues.linyuan]);
		expect(await list('people', tokens.linyuan)).toHaveLength(demo.peopleCount.linyuan);
		const other = await api(`/api/collections/venues/records/${demo.venues.kairong}`, tokens.linyuan);
		expect(other.status).toBe(404);
	});

	it('lets a member read their members’ home', async () => {
		expect(ids(await list('venues', tokens.zhujiang))).toEqual([demo.venues.zhujiang]);
		expect(await list('people', tokens.zhujiang)).toHaveLength(demo.peopleCount.zhujiang);
	});

	it('lets the admin read everything and office staff their subtree', async () => {
		expect(ids(await list('venues', tokens.admin))).toEqual(Object.values(demo.venues).sort());
		const total = Object.values(demo.peopleCount).reduce((a, b) => a + b, 0);
		expect(await list('people', tokens.admin)).toHaveLength(total);

		expect(ids(await list('venues', tokens.office))).toEqual([demo.venues.kairong, demo.venues.wulantuke, demo.venues.albas].sort());
		expect(await list('people', tokens.office)).toHaveLength(demo.peopleCount.kairong + demo.peopleCount.wulantuke + demo.peopleCount.albas);
	});

	it('shows anonymous visitors nothing', async () => {
		for (const c of ['regions', 'venues', 'people', 'users', 'events', 'quarantine']) {
			const { status, body } = await api(`/api/collections/${c}/records`);
			if (status === 200) expect(body?.items).toEqual([]);
			else expect(status).toBeGreaterThanOrEqual(400);
		}
	});

	it('keeps user records private and roles fixed', async () => {
		expect(ids(await list('users', tokens.kairong))).toEqual([demo.userIds.kairong]);
		expect(await list('users', tokens.admin)).toHaveLength(Object.keys(demo.users).length);
		const selfPromote = await api(`/api/collections/users/records/${demo.userIds.kairong}`, tokens.kairong, {
			method: 'PATCH',
			body: JSON.stringify({ role: 'admin' })
		});
		expect(selfPromote.status).toBeGreaterThanOrEqual(400);
		const rename = await api(`/api/collections/users/records/${demo.userIds.kairong}`, tokens.kairong, {
			method: 'PATCH',
			body: JSON.stringify({ name: '娜仁（主持人）' })
		});
		expect(rename.status).toBe(200);
		const signUp = await api('/api/collections/users/records', '', {
			method: 'POST',
			body: JSON.stringify({ email: 'x@y.z', password: 'abcdefgh1', passwordConfirm: 'abcdefgh1', role: 'admin' })
		});
		expect(signUp.status).toBeGreaterThanOrEqual(400);
	});

	it('lets a moderator add a walk-in to their own venue only', async () => {
		const person = { name: '临时来访', kind: 'resident', role: 'other', phone: '13912345678' };
		const own = await api('/api/collections/people/records', tokens.kairong, {
			method: 'POST',
			body: JSON.stringify({ ...person, venue: demo.venues.kairong })
		});
		expect(own.status).toBe(200);
		expect(own.body?.phone_masked).toBe('139****5678');
		expect(own.body).not.toHaveProperty('phone');
		const foreign = await api('/api/collections/people/records', tokens.kairong, {
			method: 'POST',
			body: JSON.stringify({ ...person, venue: demo.venues.linyuan })
		});
		expect(foreign.status).toBeGreaterThanOrEqual(400);
		const venue = await api('/api/collections/venues/records', tokens.kairong, {
			method: 'POST',
			body: JSON.stringify({ name: 'x', kind: 'on_site', region: demo.regions.kairong })
		});
		expect(venue.status).toBeGreaterThanOrEqual(400);
	});

	it('lets only the admin list the quarantine', async () => {
		expect((await api('/api/collections/quarantine/records', tokens.admin)).status).toBe(200);
		expect(await list('quarantine', tokens.kairong)).toEqual([]);
	});
});

describe('phones', () => {
	it('never returns a phone, only its masked form', async () => {
		for (const key of ['admin', 'kairong'] as const) {
			const { body } = await api(`/api/collections/people/records/${demo.people.kairongResident}`, tokens[key]);
			expect(body?.phone_masked).toBe('138****1234');
			expect(body).not.toHaveProperty('phone');
		}
		const filtered = await api(`/api/collections/people/records?filter=${encodeURIComponent('phone~"138"')}`, tokens.admin);
		expect((filtered.body?.items as unknown[] | undefined) ?? []).toEqual([]);
	});

	it('masks again when the phone changes', async () => {
		const res = await api(`/api/collections/people/records/${demo.people.linyuanPartyB}`, tokens.admin, {
			method: 'PATCH',
			body: JSON.stringify({ phone: '0477123' })
		});
		expect(res.status).toBe(200);
		expect(res.body?.phone_masked).toBe('047**23');
	});
});

describe('events are append-only', () => {
	it('refuses REST create for every role, superuser included', async () => {
		for (const token of ['', tokens.kairong, tokens.admin, tokens.superuser]) {
			const res = await api('/api/collections/events/records', token, {
				method: 'POST',
				body: JSON.stringify(event(1))
			});
			expect(res.status).toBeGreaterThanOrEqual(400);
		}
	});

	it('stores events written from code but never updates or deletes them', async () => {
		const res = await api('/test/events', tokens.superuser, { method: 'POST', body: JSON.stringify(event(2)) });
		expect(res.status).toBe(200);
		expect(res.body?.updateError).toMatch(/append-only/);
		expect(res.body?.deleteError).toMatch(/append-only/);

		const path = `/api/collections/events/records/${hex(2)}`;
		for (const token of ['', tokens.kairong, tokens.admin, tokens.superuser]) {
			const patch = await api(path, token, { method: 'PATCH', body: JSON.stringify({ type: 'x' }) });
			expect(patch.status).toBeGreaterThanOrEqual(400);
			const del = await api(path, token, { method: 'DELETE' });
			expect(del.status).toBeGreaterThanOrEqual(400);
		}
		const stored = await api(path, tokens.superuser);
		expect(stored.body?.type).toBe('meeting.opened');
		expect((await api('/api/collections/events/records', tokens.admin)).status).toBe(403);
	});

	it('rejects an event id that is not 32 lowercase hex', async () => {
		const res = await api('/test/events', tokens.superuser, {
			method: 'POST',
			body: JSON.stringify({ ...event(3), id: 'ABC' })
		});
		expect(res.status).toBeGreaterThanOrEqual(400);
	});
});

describe('YISHI_DEMO=0', () => {
	it('starts with no demo data', async () => {
		const empty = await startPocketBase({ demo: false });
		try {
			const token = await empty.superuserToken();
			const res = await fetch(`${empty.url}/api/collections/regions/records`, { headers: { Authorization: token } });
			expect(((await res.json()) as { totalItems: number }).totalItems).toBe(0);
			const signIn = await fetch(`${empty.url}/api/collections/users/auth-with-password`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ identity: demo.users.admin, password: demo.password })
			});
			expect(signIn.status).toBe(400);
		} finally {
			await empty.stop();
		}
	});
});

describe('restart', () => {
	it('keeps data and tokens across a restart and a crash', async () => {
		await pb.restart();
		expect(ids(await list('venues', tokens.kairong))).toEqual([demo.venues.kairong]);
		await pb.kill('SIGKILL');
		await pb.restart();
		expect(ids(await list('venues', tokens.kairong))).toEqual([demo.venues.kairong]);
	});
});
