/**
 * Scenario 1 (凯荣小区电力设施改造) from check-in to a verified record: 11 people check in (one
 * by a handwritten signature, the others by tap),
 * three of them speak (one over time), a show of hands passes the motion 10 / 0 / 1, the consensus
 * is drafted, two sign, the text is edited (those two must sign again), one refuses
 * with a reason, everyone else signs, a witness signs, the meeting closes, the minutes print to
 * PDF with the names, the speakers and their times, the tally and the fingerprint, the verify page matches — and no longer matches after
 * one event is changed directly in the server's SQLite database.
 * Bad input on the way: an empty signature, signing an outdated version (a second window that
 * opened the dialog before the edit), editing after close, photos that are not images or too large.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { textSha256 } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { PB_BIN } from '../support/pocketbase';
import { pdfText, squash } from '../support/pdf-text';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, pullStream, signIn, syncNow, test } from './fixtures';
import { mmss, showOfHands, signCheckIn, speakTurns } from './scenario';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = resolve(import.meta.dirname, 'screenshots');

/** Screenshots (git-ignored) of a screen at both tablet orientations, for a human to look at. */
async function shoot(page: Page, name: string): Promise<void> {
	for (const [orientation, width, height] of [
		['landscape', 1280, 800],
		['portrait', 800, 1280]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.screenshot({ path: `${SHOTS}/${name}.zh-CN.${orientation}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 800 });
}
const NAMES = ['王建国', '李秀英', '张志强', '刘桂兰', '陈立新', '杨淑珍', '赵永明', '孙丽华', '周晓燕', '吴海军', '郑红梅'];
const WITNESS = kairongPeople[11]!; // 巴特尔, not checked in
const TEXT_1 = '经协商，参会各方达成如下共识：\n一、3号楼楼道电力设施改造费用由物业管理中心和相关部门共同承担。\n二、每户分担几百元。  \r\n';
const MOTION = '3号楼楼道电力设施改造费用由物业管理中心和相关部门共同承担，每户分担不超过三百元。';
const TURNS = [
	{ person: kairongPeople[0]!, seconds: 150, note: '楼道线路老化，夜里经常跳闸' },
	{ person: kairongPeople[3]!, seconds: 200, note: '物业和供电公司应多承担一些' },
	{ person: kairongPeople[5]!, seconds: 60 }
];
const TEXT_2 = '经协商，参会各方达成如下共识：\n一、3号楼楼道电力设施改造费用由物业管理中心和相关部门共同承担。\n二、每户分担不超过三百元。\n三、供电公司下月完成施工。';

async function drawSignature(page: Page, seed: number): Promise<void> {
	const pad = page.getByTestId('sign-dialog').getByTestId('signature-pad');
	const box = (await pad.boundingBox())!;
	for (let s = 0; s < 3; s++) {
		const x0 = box.x + box.width * (0.15 + 0.25 * s);
		const y0 = box.y + box.height * (0.3 + 0.05 * ((seed + s) % 3));
		await page.mouse.move(x0, y0);
		await page.mouse.down();
		for (let i = 1; i <= 8; i++) await page.mouse.move(x0 + i * 12, y0 + Math.sin(i + seed) * 20 + i * 4);
		await page.mouse.up();
	}
}

function signer(page: Page, person: string) {
	return page.locator(`[data-testid="signer"][data-person="${person}"]`);
}

async function sign(page: Page, person: string, seed: number): Promise<void> {
	await signer(page, person).getByTestId('sign').click();
	await drawSignature(page, seed);
	await page.getByTestId('sign-submit').click();
	await expect(page.getByTestId('sign-dialog')).not.toBeVisible();
	await expect(signer(page, person)).toHaveAttribute('data-state', 'signed');
}

async function eventCount(page: Page, stream: string): Promise<number> {
	return page.evaluate(async (s) => {
		const app = (window as unknown as { __yishi: { store: { streamEvents(s: string): Promise<unknown[]> } } }).__yishi;
		return (await app.store.streamEvents(s)).length;
	}, stream);
}

/**
 * Changes one stored event's JSON in the server's SQLite database (PocketBase stopped), as
 * someone with the file could: with the sqlite3 shell, or where it is not installed, with a
 * one-off PocketBase migration that runs the same SQL (raw SQL passes the append-only hooks).
 */
async function tamper(dataDir: string, id: string, from: string, to: string): Promise<void> {
	const sql = `UPDATE events SET raw = replace(raw, '${from}', '${to}') WHERE id = '${id}'`;
	const hasSqlite = spawnSync('sqlite3', ['-version']).status === 0;
	if (hasSqlite) {
		execFileSync('sqlite3', [join(dataDir, 'data.db'), sql + ';']);
		return;
	}
	const dir = await mkdtemp(join(tmpdir(), 'yishi-tamper-'));
	await cp(join(ROOT, 'pocketbase/pb_migrations'), dir, { recursive: true });
	await writeFile(join(dir, '1999999999_tamper.js'), `migrate((app) => { app.db().newQuery(${JSON.stringify(sql)}).execute(); });`);
	execFileSync(PB_BIN, ['migrate', 'up', `--dir=${dataDir}`, `--migrationsDir=${dir}`], { env: { ...process.env, YISHI_DEMO: '0' } });
	await rm(dir, { recursive: true, force: true });
}

test('scenario 1: check in 11, speak, vote, draft, edit after two signatures, all sign, close, print, verify, tamper', async ({ page, context, pb }) => {
	test.setTimeout(240_000);
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会');
	await signCheckIn(page, kairongPeople[0]!);
	for (const id of kairongPeople.slice(1, 11)) await checkIn(page, id);

	// --- Three speak (the second one 20 s over the 3 minutes); the motion passes by show of hands.
	await speakTurns(page, TURNS);
	const hands = await showOfHands(page, MOTION, { for: 10, against: 0, abstain: 1 });
	const verdict = page.locator(`[data-testid="vote-result"][data-vote="${hands}"]`);
	await expect(verdict.getByTestId('vote-verdict')).toHaveText('通过');

	// --- Draft version 1.
	await page.getByTestId('tab-consensus').click();
	await page.getByTestId('consensus-text').fill('  \n ');
	await page.getByTestId('save-draft').click();
	await expect(page.getByTestId('draft-error')).toContainText('文本是空的');
	await page.getByTestId('consensus-text').fill(TEXT_1);
	await page.getByTestId('save-draft').click();
	const current = page.getByTestId('current-version');
	await expect(current).toHaveAttribute('data-version', '1');
	// The browser's hash of the normalised text is Node's.
	await expect(current).toHaveAttribute('data-sha', textSha256(TEXT_1));
	await expect(page.getByTestId('still-to-sign')).toHaveAttribute('data-count', '11');

	// --- An empty signature is refused and records nothing.
	const before = await eventCount(page, stream);
	await signer(page, kairongPeople[0]!).getByTestId('sign').click();
	await page.getByTestId('sign-submit').click();
	await expect(page.getByTestId('sign-error')).toContainText('还没有签名');
	await page.getByRole('button', { name: '取消' }).click();
	expect(await eventCount(page, stream)).toBe(before);

	// --- Two sign version 1.
	await sign(page, kairongPeople[0]!, 1);
	await sign(page, kairongPeople[1]!, 2);

	// A second window of the app opens the dialog for 张志强 on version 1 …
	const other = await context.newPage();
	await other.goto(`${pb.url}/meetings/${stream}/consensus`);
	await signer(other, kairongPeople[2]!).getByTestId('sign').click();
	await expect(other.getByTestId('sign-text')).toContainText('每户分担几百元');

	// --- … while the moderator edits the text: version 2; the two must sign again.
	await page.getByTestId('edit-text').click();
	await expect(page.getByTestId('edit-warning')).toContainText('2 人');
	await page.getByTestId('consensus-text').fill(TEXT_2);
	await page.getByTestId('save-draft').click();
	await expect(current).toHaveAttribute('data-version', '2');
	await expect(current).toHaveAttribute('data-sha', textSha256(TEXT_2));
	await expect(signer(page, kairongPeople[0]!)).toHaveAttribute('data-state', 'again');
	await expect(signer(page, kairongPeople[1]!)).toHaveAttribute('data-state', 'again');
	await expect(page.getByTestId('still-to-sign')).toHaveAttribute('data-count', '11');
	await expect(page.locator('[data-testid="version"][data-number="1"] [data-testid="version-signed"]')).toHaveAttribute('data-count', '2');
	await page.locator('[data-testid="version"][data-number="2"] [data-testid="compare"]').click();
	await expect(page.getByTestId('version-diff').locator('.changed ins').first()).toContainText('不超过三');

	// … signing the outdated version in the other window is refused with a message.
	const n = await eventCount(page, stream);
	await drawSignature(other, 3);
	await other.getByTestId('sign-submit').click();
	await expect(other.getByTestId('sign-error')).toContainText('已过时');
	expect(await eventCount(page, stream)).toBe(n);
	await other.close();

	// --- One refuses with a reason; everyone else signs version 2; a witness signs.
	await signer(page, kairongPeople[2]!).getByTestId('sign').click();
	await page.getByTestId('refuse').click();
	await page.getByTestId('refuse-submit').click();
	await expect(page.getByTestId('sign-error')).toContainText('原因');
	await page.getByTestId('refuse-reason').fill('三百元对低保户仍然偏高');
	await page.getByTestId('refuse-submit').click();
	await expect(signer(page, kairongPeople[2]!)).toHaveAttribute('data-state', 'refused');
	for (const [i, id] of kairongPeople.slice(0, 11).entries()) if (i !== 2) await sign(page, id, i + 10);
	await expect(page.getByTestId('still-to-sign')).toHaveAttribute('data-count', '0');
	await page.getByTestId('witness-select').selectOption(WITNESS);
	await page.getByTestId('witness-sign').click();
	await drawSignature(page, 40);
	await page.getByTestId('sign-submit').click();
	await expect(page.getByTestId('witness-signed')).toHaveCount(1);
	await shoot(page, 'consensus-signed');

	// --- Photos: not an image, too large (nothing stored), then one real photo.
	await page.getByTestId('tab-minutes').click();
	const photoInput = page.getByTestId('photo-input');
	await photoInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
	await expect(page.getByTestId('photo-error')).toContainText('不是图片');
	await photoInput.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(20 * 1024 * 1024 + 1) });
	await expect(page.getByTestId('photo-error')).toContainText('20 MB');
	const jpeg = await page.evaluate(() => {
		const c = document.createElement('canvas');
		c.width = 2400;
		c.height = 1800;
		const g = c.getContext('2d')!;
		g.fillStyle = '#8ab';
		g.fillRect(0, 0, 2400, 1800);
		g.fillStyle = '#a33';
		g.fillRect(300, 300, 1200, 800);
		return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
	});
	await photoInput.setInputFiles({ name: 'courtyard.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64') });
	await expect(page.getByTestId('minutes-photo')).toHaveCount(1);
	const img = page.getByTestId('minutes-photo').locator('img');
	await expect(img).toHaveAttribute('width', '1600');
	await expect(img).toHaveAttribute('height', '1200');
	await shoot(page, 'minutes');

	// --- Close the meeting: editing afterwards is refused.
	await page.getByTestId('tab-consensus').click();
	const stale = await context.newPage();
	await stale.goto(`${pb.url}/meetings/${stream}/consensus`);
	await stale.getByTestId('edit-text').click();
	await stale.getByTestId('consensus-text').fill(TEXT_2 + '\n四、会后补充。');
	await page.getByTestId('close-meeting').click();
	await page.getByRole('dialog').getByRole('button', { name: '结束会议' }).click();
	await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'closed');
	await expect(page.getByTestId('consensus-closed')).toBeVisible();
	await expect(page.getByTestId('edit-text')).toHaveCount(0);
	await expect(page.getByTestId('sign')).toHaveCount(0);
	const closedCount = await eventCount(page, stream);
	await expect(stale.getByTestId('meeting-status')).toHaveAttribute('data-status', 'closed');
	await stale.getByTestId('save-draft').click();
	await expect(stale.getByTestId('draft-error')).toContainText('会议已结束');
	expect(await eventCount(page, stream)).toBe(closedCount);
	await stale.close();

	// --- Sync; the photo reaches the server as a file linked to the meeting.
	await syncNow(page);
	await expectAllSynced(page);
	const events = await pullStream(pb.url, demo.users.kairong, stream);
	expect(events.filter((e) => e.type === 'consensus.drafted')).toHaveLength(2);
	expect(events.filter((e) => e.type === 'consensus.signed')).toHaveLength(2 + 10 + 1);
	expect(events.filter((e) => e.type === 'consensus.refused')).toHaveLength(1);
	expect(events.filter((e) => e.type === 'turn.ended')).toHaveLength(3);
	expect(events.filter((e) => e.type === 'vote.hands_counted').map((e) => e.payload)).toEqual([{ vote: hands, counts: { for: 10, against: 0, abstain: 1 } }]);
	const photoEvent = events.find((e) => e.type === 'photo.added')!;
	const su = await pb.superuserToken();
	await expect
		.poll(async () => {
			const res = await fetch(`${pb.url}/api/collections/photos/records?filter=${encodeURIComponent(`stream="${stream}"`)}`, { headers: { Authorization: su } });
			return ((await res.json()) as { items: { id: string; sha256: string }[] }).items;
		})
		.toEqual([expect.objectContaining({ id: photoEvent.payload.photo, sha256: photoEvent.payload.sha256 })]);

	// --- Minutes to PDF: names, the refusal, the fingerprint.
	await page.getByTestId('tab-minutes').click();
	await expect(page.getByTestId('minutes-unsynced')).toHaveCount(0);
	await expect(page.getByTestId('photos-waiting')).toHaveCount(0);
	await expect(page.getByTestId('minutes-signature')).toHaveCount(11);
	// The check-in signature beside its name; the others checked in by tap.
	await expect(page.locator(`[data-testid="minutes-attendee"][data-person="${kairongPeople[0]}"]`).getByTestId('signature-view')).toBeVisible();
	await expect(page.locator('[data-testid="minutes-attendee"][data-signed="true"]')).toHaveCount(1);
	// The speaking record and the vote, from their projections.
	const turnRows = page.getByTestId('minutes-turn');
	await expect(turnRows).toHaveCount(TURNS.length);
	const durations = await turnRows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-duration'))));
	TURNS.forEach((t, i) => {
		expect(durations[i]).toBeGreaterThanOrEqual(t.seconds);
		expect(durations[i]).toBeLessThan(t.seconds + 20);
	});
	await expect(turnRows.nth(1)).toContainText('超时');
	await expect(turnRows.nth(0)).not.toContainText('超时');
	const vote = page.locator(`[data-testid="minutes-vote"][data-vote="${hands}"]`);
	await expect(vote).toHaveAttribute('data-passed', 'true');
	await expect(vote.getByTestId('minutes-vote-tally')).toHaveText(/赞成\s*10\s*反对\s*0\s*弃权\s*1/);
	await expect(vote.getByTestId('minutes-vote-outcome')).toContainText('通过：赞成 10 票，超过实到 11 人的半数（至少需 6 票）。');
	const fingerprint = (await page.getByTestId('minutes-fingerprint').getAttribute('data-fingerprint'))!;
	expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ format: 'A4' });
	await page.emulateMedia({ media: null });
	if (process.env.MINUTES_PNG) {
		// To look at the print layout: the A4 text width (180 mm ≈ 680 px), print media.
		const size = page.viewportSize()!;
		await page.setViewportSize({ width: 680, height: 1000 });
		await page.emulateMedia({ media: 'print' });
		await page.getByTestId('minutes').screenshot({ path: process.env.MINUTES_PNG });
		await page.emulateMedia({ media: null });
		await page.setViewportSize(size);
	}
	const text = squash(pdfText(pdf));
	for (const name of [...NAMES, '巴特尔']) expect(text).toContain(name);
	expect(text).toContain(squash('三百元对低保户仍然偏高'));
	expect(text).toContain(squash('协商议事会议纪要'));
	// Speakers in order with their times; the vote's motion, tally, verdict and reason.
	const turnTexts = await turnRows.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
	TURNS.forEach((t, i) => {
		const [order, who, kind, duration] = turnTexts[i]!;
		expect(squash(who!)).toContain(NAMES[kairongPeople.indexOf(t.person)]);
		expect(squash(duration!)).toContain(mmss(durations[i]!));
		expect(text).toContain(squash(`${order}${who}${kind}${duration}`));
	});
	expect(text).toContain(squash(TURNS[0]!.note!));
	expect(text).toContain(squash(MOTION));
	expect(text).toContain(squash('赞成 10 反对 0 弃权 1'));
	expect(text).toContain(squash('通过：赞成 10 票，超过实到 11 人的半数（至少需 6 票）。'));
	expect(text).toContain(fingerprint);
	const pages = Number(/(?:^|\D)1\/(\d+)/.exec(text)?.[1]);
	expect(pages).toBeGreaterThan(1); // page numbers "n / N" from @page
	for (let n = 1; n <= pages; n++) expect(text).toContain(`${n}/${pages}`);
	expect(text).not.toContain('同步'); // no app chrome in print

	// --- The verify page, without signing in: matches.
	const verifier = await (await context.browser()!.newContext()).newPage();
	await verifier.goto(`${pb.url}/verify?stream=${stream}&fp=${fingerprint}`);
	await expect(verifier.getByTestId('verify-result')).toHaveAttribute('data-match', 'true');
	await expect(verifier.locator('[data-testid="verify-version"][data-number="2"] [data-testid="verify-signers"]')).toContainText('王建国');
	await expect(verifier.locator('[data-testid="verify-version"][data-number="1"] [data-testid="verify-signers"]')).toContainText('李秀英');
	await expect(verifier.getByTestId('verify-result')).not.toContainText('1384770');

	// --- Someone changes the first version's text in the server's database: no longer matches.
	const drafted = (await pullRaw(pb.url, stream)).find((e) => e.type === 'consensus.drafted')!;
	await pb.kill('SIGTERM');
	expect(existsSync(join(pb.dataDir, 'data.db'))).toBe(true);
	await tamper(pb.dataDir, drafted.id, '几百元', '五百元');
	await pb.restart();
	await verifier.reload();
	await expect(verifier.getByTestId('verify-result')).toHaveAttribute('data-match', 'false');
	// The reasons come from the server as codes and are worded on the page in Chinese.
	const changed = verifier.locator(`[data-testid="verify-diff"][data-code="hash_mismatch"][data-event="${drafted.id}"]`);
	await expect(changed).toHaveText(`记录 ${drafted.id}（consensus.drafted，设备 ${drafted.device} 的第 ${drafted.seq} 条）：内容被改动过，与当初记下的不一致`);
	await expect(verifier.getByTestId('verify-differs')).not.toContainText('stored content');

	// Typing the fingerprint (grouped, upper case) gives the same answer.
	await verifier.goto(`${pb.url}/verify`);
	await verifier.getByTestId('verify-stream').fill(stream);
	await verifier.getByTestId('verify-fp').fill(fingerprint.toUpperCase().match(/.{8}/g)!.join(' '));
	await verifier.getByTestId('verify-submit').click();
	await expect(verifier.getByTestId('verify-result')).toHaveAttribute('data-match', 'false');
});

async function pullRaw(url: string, stream: string): Promise<{ id: string; type: string; device: string; seq: number }[]> {
	return (await pullStream(url, demo.users.kairong, stream)) as unknown as { id: string; type: string; device: string; seq: number }[];
}
