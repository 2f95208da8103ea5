/**
 * Minutes benchmark (issue: signed consensus and the minutes), in Debian's Chromium against the
 * built app served by a real PocketBase. Prints `bench <name> <value> <unit>`.
 * - minutes_pdf_40_ms: a closed meeting of 40 people (walk-ins, all checked in), a consensus in
 *   two versions with 40 handwritten signatures on the current one, 12 speaking turns with notes
 *   (one corrected), a show-of-hands vote with a correction and a roll call, and 4 photos (1600×1200 JPEGs
 *   made in the page and stored in the tablet's IndexedDB): the minutes page open, the time of
 *   `page.pdf({ format: 'A4' })`. Median of 3.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { draftPayload, projectConsensus, textSha256 } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { FakeTablet, newId } from '../support/factories';
import { push, signIn as apiSignIn } from '../support/http';
import { startPocketBase } from '../support/pocketbase';
import { handwrittenSignature } from '../support/signatures';
import { launchTablet, print, signInTablet } from './browser';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '立新', '淑珍', '永明', '丽华', '晓燕', '海军'];
const TEXT =
	'经协商，参会各方达成如下共识：\n' +
	Array.from({ length: 12 }, (_, i) => `${i + 1}、楼道电力设施改造第${i + 1}项事宜由物业管理中心和相关部门共同承担，每户分担不超过三百元，施工期间做好安全防护和通知。`).join('\n');

function meetingEvents(): { stream: string; events: ReturnType<FakeTablet['record']>[]; photos: string[] } {
	const t = new FakeTablet('tab-bench-minutes', demo.venues.kairong, demo.userIds.kairong);
	const stream = t.openMeeting('凯荣小区电力设施改造协商会（40人）');
	t.start(stream);
	const people: string[] = [];
	for (let i = 0; i < 40; i++) {
		const walkIn = t.registerWalkIn(stream, SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]!, 'resident_rep');
		const id = walkIn.payload.participant as string;
		people.push(id);
		t.checkIn(stream, id);
	}
	// 12 speaking turns of about two to four minutes, each with a note; the first note corrected.
	for (let i = 0; i < 12; i++) {
		const turn = t.record(stream, 'speaker.queued', { person: people[i]!, role: 'resident_rep', kind: i % 4 === 3 ? 'addition' : 'statement' }).id;
		t.record(stream, 'turn.started', { turn, limit_s: 180 });
		t.clock += (120 + 11 * i) * 1000;
		t.record(stream, 'turn.ended', { turn });
		const noted = t.record(stream, 'turn.noted', { turn, note: `第${i + 1}位发言：楼道线路老化，建议物业和供电公司共同出资改造，施工期间注意安全。` });
		if (i === 0) t.record(stream, 'turn.note_corrected', { turn, note: '第1位发言：楼道线路老化，建议尽快改造。', corrects: noted.id, reason: '记错了' });
	}
	// Two votes of the 40: a show of hands with a correction, a roll call.
	const rule = { basis: 'present', fraction: 'half', abstentions: 'count_as_cast' };
	const hands = newId(t.clock);
	t.record(stream, 'vote.opened', { vote: hands, motion: '楼道电力设施改造费用由物业和相关部门共同承担', method: 'show_of_hands', electorate: 'present', entitled: people, present: people, rule });
	t.record(stream, 'vote.hands_counted', { vote: hands, counts: { for: 36, against: 2, abstain: 2 } });
	t.record(stream, 'vote.corrected', { vote: hands, reason: '重新数了一遍', counts: { for: 37, against: 1, abstain: 2 } });
	t.record(stream, 'vote.closed', { vote: hands });
	const roll = newId(t.clock);
	t.record(stream, 'vote.opened', { vote: roll, motion: '每户分担不超过三百元', method: 'roll_call', electorate: 'present', entitled: people, present: people, rule });
	people.forEach((voter, i) => t.record(stream, 'vote.cast', { vote: roll, voter, choice: i % 10 === 9 ? 'against' : 'for' }));
	t.record(stream, 'vote.closed', { vote: roll });
	t.record(stream, 'consensus.drafted', draftPayload(projectConsensus(stream, []), TEXT + '\n（初稿）'));
	const v2 = t.record(stream, 'consensus.drafted', { text: TEXT, text_sha256: textSha256(TEXT) });
	people.forEach((person, i) =>
		t.record(stream, 'consensus.signed', { version_sha256: v2.payload.text_sha256, person, capacity: 'participant', signature: handwrittenSignature(i + 1) })
	);
	const photos = Array.from({ length: 4 }, () => newId(t.clock));
	for (const photo of photos) t.record(stream, 'photo.added', { photo, sha256: 'f'.repeat(64), bytes: 300_000, width: 1600, height: 1200 });
	t.close(stream);
	return { stream, events: t.events, photos };
}

async function main() {
	const pb = await startPocketBase({ publicDir: resolve(import.meta.dirname ?? '.', '../../build') });
	const dir = await mkdtemp(join(tmpdir(), 'yishi-bench-'));
	try {
		const token = await apiSignIn(pb.url, 'kairong');
		const { stream, events, photos } = meetingEvents();
		const answer = await push(pb.url, token, 'tab-bench-minutes', events);
		if (answer.status !== 200 || answer.body.results.some((r: { status: string }) => r.status !== 'accepted')) {
			throw new Error(`seeding failed: ${JSON.stringify(answer.body).slice(0, 500)}`);
		}

		const context = await launchTablet(dir, { timezoneId: 'Asia/Shanghai' });
		const page = await context.newPage();
		await page.addInitScript(() => localStorage.setItem('yishi.debug', '1'));
		await signInTablet(page, pb.url);
		// The meeting arrives by sync; the photos are put into the tablet's store as if taken here.
		await page.getByTestId('sync-now').click();
		await page.locator(`[data-testid="meeting"][data-stream="${stream}"]`).waitFor();
		await page.evaluate(
			async ({ stream, photos, venue }) => {
				const app = (window as unknown as { __yishi: { store: { db: { photos: { put(row: unknown): Promise<unknown> } } } } }).__yishi;
				for (const [i, id] of photos.entries()) {
					const canvas = new OffscreenCanvas(1600, 1200);
					const g = canvas.getContext('2d')!;
					for (let y = 0; y < 1200; y += 40) {
						for (let x = 0; x < 1600; x += 40) {
							g.fillStyle = `hsl(${(x + y + i * 90) % 360} 40% ${40 + ((x * y) % 30)}%)`;
							g.fillRect(x, y, 40, 40);
						}
					}
					const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
					await app.store.db.photos.put({ id, stream, venue, sha256: 'f'.repeat(64), bytes: blob.size, width: 1600, height: 1200, blob, uploaded: 1, reason: '' });
				}
			},
			{ stream, photos, venue: demo.venues.kairong }
		);
		await page.goto(`${pb.url}/meetings/${stream}/minutes`);
		await page.getByTestId('minutes-signature').nth(39).waitFor();
		await page.getByTestId('minutes-turn').nth(11).waitFor();
		await page.getByTestId('minutes-vote').nth(1).waitFor();
		await page.getByTestId('minutes-photo').locator('img').nth(3).waitFor();
		await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="minutes-photo"] img')].every((img) => (img as HTMLImageElement).complete));
		const times: number[] = [];
		let bytes = 0;
		for (let i = 0; i < 3; i++) {
			const start = performance.now();
			const pdf = await page.pdf({ format: 'A4' });
			times.push(performance.now() - start);
			bytes = pdf.length;
		}
		print('minutes_pdf_40_ms', Math.round(median(times)), 'ms');
		print('minutes_pdf_40_kib', Math.round(bytes / 1024), 'KiB');
		await context.close();
	} finally {
		await rm(dir, { recursive: true, force: true });
		await pb.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
