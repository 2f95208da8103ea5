/**
 * The server side of the consensus: pushed drafts and signatures are validated with the tablet's
 * own schemas (a text whose hash does not match is rejected), the public verify route, and the
 * photos collection (venue rules, idempotent by id, immutable).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesSha256, draftPayload, meetingFingerprint, projectConsensus, sha256Hex, textSha256 } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { push, signIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';
import { tablet as simulatedTablet } from '../support/tablet';
import { handwrittenSignature } from '../support/signatures';

let pb: PocketBaseHandle;
let kairong: string;
let linyuan: string;
let devices = 0;

beforeAll(async () => {
	pb = await startPocketBase();
	[kairong, linyuan] = await Promise.all([signIn(pb.url, 'kairong'), signIn(pb.url, 'linyuan')]);
});
afterAll(async () => {
	await pb?.stop();
});

function tablet(): FakeTablet {
	return new FakeTablet(`tab-consensus-${++devices}`, demo.venues.kairong, demo.userIds.kairong);
}

/** A meeting with a consensus in two versions and three signatures, pushed. */
async function meeting() {
	const t = tablet();
	const stream = t.openMeeting();
	const people = ['pplkairong00001', 'pplkairong00002', 'pplkairong00003'];
	for (const p of people) t.checkIn(stream, p);
	const v1 = t.record(stream, 'consensus.drafted', draftPayload(projectConsensus(stream, []), '共识第一版\r\n'));
	t.record(stream, 'consensus.signed', { version_sha256: v1.payload.text_sha256, person: people[0], capacity: 'participant', signature: handwrittenSignature(1) });
	const v2 = t.record(stream, 'consensus.drafted', { text: '共识第二版', text_sha256: textSha256('共识第二版'), previous: v1.payload.text_sha256 });
	t.record(stream, 'consensus.signed', { version_sha256: v2.payload.text_sha256, person: people[1], capacity: 'participant', signature: handwrittenSignature(2) });
	t.record(stream, 'consensus.refused', { version_sha256: v2.payload.text_sha256, person: people[2], reason: '不同意' });
	t.close(stream);
	const res = await push(pb.url, kairong, t.chain.device, t.events);
	return { t, stream, res };
}

async function verify(stream: string, fp: string) {
	const res = await fetch(`${pb.url}/api/verify?stream=${stream}&fp=${fp}`);
	return { status: res.status, body: (await res.json()) as any };
}

describe('consensus events on the server', () => {
	it('accepts drafts, signatures and refusals', async () => {
		const { res } = await meeting();
		expect(res.status).toBe(200);
		expect(res.body.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual(Array(10).fill('accepted'));
	});

	it('rejects a draft whose hash is not the hash of its normalised text, and an empty signature', async () => {
		const t = tablet();
		const stream = t.openMeeting();
		t.record(stream, 'consensus.drafted', { text: '共识', text_sha256: textSha256('别的文本') });
		t.record(stream, 'consensus.signed', {
			version_sha256: textSha256('共识'),
			person: 'pplkairong00001',
			capacity: 'participant',
			signature: { ...handwrittenSignature(1), strokes: '' }
		});
		const res = await push(pb.url, kairong, t.chain.device, t.events);
		expect(res.body.results[1]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('payload.text_sha256') });
		expect(res.body.results[2]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('signature') });
	});
});

describe('GET /api/verify (public)', () => {
	it('matches the fingerprint of an intact record, with who signed which version, names only', async () => {
		const { t, stream } = await meeting();
		const fp = meetingFingerprint(t.events, sha256Hex);
		const { status, body } = await verify(stream, fp);
		expect(status).toBe(200);
		expect(body).toMatchObject({ match: true, events: t.events.length, fingerprint: fp, differs: [], title: '凯荣小区电力设施改造协商会' });
		expect(body.versions.map((v: any) => [v.number, v.current, v.signers.map((s: any) => s.name), v.refusals.map((r: any) => r.name)])).toEqual([
			[1, false, ['王建国'], []],
			[2, true, ['李秀英'], ['张志强']]
		]);
		expect(JSON.stringify(body)).not.toContain('1384770');
	});

	it('does not match another fingerprint, and says so', async () => {
		const { stream } = await meeting();
		const { body } = await verify(stream, 'a'.repeat(64));
		expect(body.match).toBe(false);
		// Structured reasons: a code for the page to word in its language, the English message for API users.
		expect(body.differs).toEqual([
			{ code: 'fingerprint_mismatch', event: null, type: null, device: null, seq: null, prevSeq: null, message: expect.stringContaining('not the fingerprint given') }
		]);
	});

	it('answers 400 for a malformed request and 404 for an unknown meeting', async () => {
		expect((await verify('xyz', 'a'.repeat(64))).status).toBe(400);
		expect((await verify('0'.repeat(32), 'zz')).status).toBe(400);
		expect((await verify('0'.repeat(32), 'a'.repeat(64))).status).toBe(404);
	});
});

function jpeg(): Blob {
	// A minimal valid JPEG (1×1), enough for PocketBase's mime sniffing.
	const b64 =
		'/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
	return new Blob([Buffer.from(b64, 'base64')], { type: 'image/jpeg' });
}

async function upload(token: string, id: string, venue: string, file: Blob = jpeg(), stream?: string) {
	const form = new FormData();
	form.append('id', id);
	form.append('stream', stream ?? (await meeting()).stream);
	form.append('venue', venue);
	form.append('sha256', 'c'.repeat(64));
	form.append('file', file, `${id}.jpg`);
	const res = await fetch(`${pb.url}/api/collections/photos/records`, { method: 'POST', headers: { Authorization: token }, body: form });
	return { status: res.status, body: (await res.json()) as any };
}

describe('photos collection', () => {
	it('a moderator uploads a photo of their venue once; a repeat is refused; nobody changes or deletes it', async () => {
		const id = 'd'.repeat(31) + '1';
		expect((await upload(kairong, id, demo.venues.kairong)).status).toBe(200);
		expect((await upload(kairong, id, demo.venues.kairong)).status).toBe(400);
		const got = await fetch(`${pb.url}/api/collections/photos/records/${id}`, { headers: { Authorization: kairong } });
		expect(got.status).toBe(200);
		const patch = await fetch(`${pb.url}/api/collections/photos/records/${id}`, {
			method: 'PATCH',
			headers: { Authorization: kairong, 'content-type': 'application/json' },
			body: JSON.stringify({ sha256: 'e'.repeat(64) })
		});
		expect(patch.status).toBeGreaterThanOrEqual(400);
		const del = await fetch(`${pb.url}/api/collections/photos/records/${id}`, { method: 'DELETE', headers: { Authorization: kairong } });
		expect(del.status).toBeGreaterThanOrEqual(400);
	});

	it('refuses a photo of a meeting the server does not know', async () => {
		const res = await upload(kairong, 'd'.repeat(31) + '3', demo.venues.kairong, jpeg(), 'b'.repeat(32));
		expect(res.status).toBe(400);
		expect(JSON.stringify(res.body)).toContain('unknown stream');
	});

	it('refuses another venue, other venues cannot see it, and refuses a file that is not a JPEG', async () => {
		const id = 'd'.repeat(31) + '2';
		expect((await upload(linyuan, id, demo.venues.kairong)).status).toBe(400);
		expect((await upload(kairong, id, demo.venues.kairong, new Blob(['not an image'], { type: 'text/plain' }))).status).toBe(400);
		expect((await upload(kairong, id, demo.venues.kairong)).status).toBe(200);
		const other = await fetch(`${pb.url}/api/collections/photos/records/${id}`, { headers: { Authorization: linyuan } });
		expect(other.status).toBe(404);
	});
});

describe('the tablet uploads its photos after pushing', () => {
	it('keeps a photo offline, uploads it when online, and marks one the server already holds (an answer lost) as uploaded', async () => {
		const t = await simulatedTablet(pb.url, 'kairong');
		try {
			const stream = newId();
			const base = { stream, venue: demo.venues.kairong, actor: demo.userIds.kairong, v: 1 };
			await t.store.append({ ...base, type: 'meeting.opened', payload: { title: '照片测试', form: 'in_person' } });
			expect((await t.sync.syncNow()).status).toBe('ok');
			t.net.online = false;
			const ids = [newId(), newId()];
			for (const id of ids) {
				const blob = jpeg();
				const bytes = new Uint8Array(await blob.arrayBuffer());
				const sha256 = bytesSha256(bytes);
				await t.store.addPhoto(
					{ id, stream, venue: demo.venues.kairong, sha256, bytes: bytes.length, width: 1, height: 1, blob },
					{ ...base, type: 'photo.added', payload: { photo: id, sha256, bytes: bytes.length, width: 1, height: 1 } }
				);
			}
			expect((await t.sync.syncNow()).status).toBe('offline');
			expect(await t.store.pendingPhotoCount()).toBe(2);

			// The first photo reached the server earlier, but the tablet never heard back.
			const form = new FormData();
			form.append('id', ids[0]!);
			form.append('stream', stream);
			form.append('venue', demo.venues.kairong);
			form.append('sha256', (await t.store.photos(stream)).find((p) => p.id === ids[0])!.sha256);
			form.append('file', jpeg(), 'a.jpg');
			expect((await fetch(`${pb.url}/api/collections/photos/records`, { method: 'POST', headers: { Authorization: kairong }, body: form })).status).toBe(200);

			t.net.online = true;
			expect(await t.sync.syncNow()).toMatchObject({ status: 'ok', pushed: 2 });
			expect(await t.store.pendingPhotoCount()).toBe(0);
			const res = await fetch(`${pb.url}/api/collections/photos/records?filter=${encodeURIComponent(`stream="${stream}"`)}`, { headers: { Authorization: kairong } });
			const items = ((await res.json()) as { items: { id: string; sha256: string }[] }).items;
			expect(items.map((i) => i.id).sort()).toEqual([...ids].sort());
			const events = (await t.store.streamEvents(stream)).filter((e) => e.type === 'photo.added');
			expect(items.map((i) => i.sha256).sort()).toEqual(events.map((e) => e.payload.sha256).sort());
		} finally {
			t.close();
		}
	});
});
