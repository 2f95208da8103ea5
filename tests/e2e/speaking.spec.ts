/**
 * Speaking turns, end to end (issue 5): scenario 2 of domain.md, the Linyuan village land
 * dispute: 7 people, equal time for the two parties, the whole meeting offline (server down, no
 * network), the room display in a second window following the moderator; then sync.
 * Time passes by moving the browser's wall clock (`page.clock.setSystemTime`), never by waiting.
 */
import type { Page } from '@playwright/test';
import { demo } from '../support/demo';
import { checkIn, expect, expectAllSynced, pullStream, signIn, syncNow, test } from './fixtures';

const linyuan = Array.from({ length: demo.peopleCount.linyuan }, (_, i) => `ppllinyuan${String(i + 1).padStart(5, '0')}`);
const [cadre1, cadre2, party1, party2, villager, partyA, partyB] = linyuan as [string, string, string, string, string, string, string];

async function newMeeting(page: Page, title: string): Promise<string> {
	await page.getByTestId('new-meeting').click();
	await page.locator('input[name=title]').fill(title);
	await page.locator('textarea[name=description]').fill('王二虎与李金山两家承包地边界纠纷，现场协商。');
	await page.locator('input[name=place]').fill('林原村村委会议事室');
	await page.getByTestId('create-meeting').click();
	await expect(page.getByTestId('meeting-title')).toHaveText(title);
	await page.getByTestId('start-meeting').click();
	await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'live');
	return page.url().split('/meetings/')[1]!;
}

/** Moves the wall clock of every window of the tablet forward. */
async function pass(page: Page, seconds: number): Promise<void> {
	const now = await page.evaluate(() => Date.now());
	await page.clock.setSystemTime(now + seconds * 1000);
}

const queueOrder = (page: Page) => page.getByTestId('queue-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-person')));
const row = (page: Page, person: string) => page.locator(`[data-testid=queue-row][data-person="${person}"]`);
const eventCount = (page: Page) => page.getByTestId('pending').getAttribute('data-count').then(Number);

test('the Linyuan land dispute: queue, equal time for two parties, notes, room display, all offline, then sync', async ({ page, context, pb }) => {
	await signIn(page, pb.url, demo.users.linyuan);
	const stream = await newMeeting(page, '林原村土地纠纷协商会');
	await expectAllSynced(page);

	// No network all day: the server is down and the tablet offline; the app starts from its cache.
	await context.setOffline(true);
	await pb.kill('SIGTERM');
	await page.reload();
	for (const id of linyuan) await checkIn(page, id);

	await page.getByTestId('tab-speaking').click();
	await expect(page).toHaveURL(`${pb.url}/meetings/${stream}/speaking`);

	// The two parties are the sides, with equal time.
	await page.getByTestId('speak-settings').click();
	const dialog = page.getByTestId('settings-dialog');
	await dialog.locator('input[name=side0]').fill('王家');
	await dialog.locator('input[name=side1]').fill('李家');
	await dialog.locator(`[data-testid=assign][data-person="${partyA}"] label.choice`).nth(1).click();
	await dialog.locator(`[data-testid=assign][data-person="${partyB}"] label.choice`).nth(2).click();
	await dialog.locator('label.choice.eq').click();
	await dialog.getByTestId('settings-save').click();
	await expect(dialog).not.toBeVisible();
	await expect(page.getByTestId('equal-time-on')).toBeVisible();
	await expect(page.getByTestId('side')).toHaveCount(2);

	// The room display opens in a second window and follows with no network.
	const [display] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-display').click()]);
	await expect(display.getByTestId('display-idle')).toBeVisible();

	// Everyone in line: the parties first, then the others; reorder by buttons and by drag.
	for (const id of [partyA, partyB, villager, party1, party2, cadre1, cadre2]) {
		await page.locator(`[data-testid=add-speaker][data-person="${id}"]`).click();
		await expect(row(page, id)).toBeVisible();
	}
	expect(await queueOrder(page)).toEqual([partyA, partyB, villager, party1, party2, cadre1, cadre2]);
	await row(page, cadre2).getByTestId('up').click();
	await expect.poll(() => queueOrder(page)).toEqual([partyA, partyB, villager, party1, party2, cadre2, cadre1]);
	await row(page, villager).getByTestId('down').click();
	await expect.poll(() => queueOrder(page)).toEqual([partyA, partyB, party1, villager, party2, cadre2, cadre1]);
	await row(page, cadre1).getByTestId('speaks-next').click();
	await expect.poll(() => queueOrder(page)).toEqual([cadre1, partyA, partyB, party1, villager, party2, cadre2]);
	// Drag the cadre back to the end with the handle.
	const handle = row(page, cadre1).getByTestId('drag');
	const target = await row(page, cadre2).boundingBox();
	const from = await handle.boundingBox();
	await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
	await page.mouse.down();
	await page.mouse.move(from!.x + from!.width / 2, target!.y + target!.height - 5, { steps: 8 });
	await page.mouse.up();
	await expect.poll(() => queueOrder(page)).toEqual([partyA, partyB, party1, villager, party2, cadre2, cadre1]);
	// Out of line and back in: at the end.
	await row(page, party1).getByTestId('remove').click();
	await expect(row(page, party1)).toHaveCount(0);
	await page.getByTestId('removed-row').getByTestId('requeue').click();
	await expect.poll(() => queueOrder(page)).toEqual([partyA, partyB, villager, party2, cadre2, cadre1, party1]);
	await expect(display.getByTestId('display-next-row')).toHaveCount(3);
	await expect(display.getByTestId('display-next-row').first()).toHaveAttribute('data-person', partyA);

	// Party A speaks 2:30 and the moderator notes it (typed in Chinese).
	await page.getByTestId('start-next').click();
	await expect(page.getByTestId('current-speaker')).toHaveAttribute('data-person', partyA);
	await expect(display.getByTestId('display-speaker')).toHaveAttribute('data-person', partyA);
	await expect(display.getByTestId('countdown')).toBeVisible();
	await pass(page, 150);
	await expect(page.getByTestId('countdown')).toHaveAttribute('data-phase', 'warning');
	await expect(display.getByTestId('countdown')).toHaveAttribute('data-phase', 'warning');
	await page.getByTestId('note').fill('要求按1998年承包合同重新丈量地界');
	await page.getByTestId('end-turn').click();
	await expect(page.getByTestId('current-speaker')).toHaveCount(0);
	await expect(display.getByTestId('display-idle')).toBeVisible();

	// Party B: pause, extension by a minute, a reload mid-turn, time up, overrun.
	await page.getByTestId('start-next').click();
	await expect(page.getByTestId('current-speaker')).toHaveAttribute('data-person', partyB);
	await pass(page, 40);
	await page.getByTestId('pause').click();
	await expect(display.getByTestId('display-paused')).toBeVisible();
	await pass(page, 300); // paused: does not count
	await page.getByTestId('resume').click();
	await page.getByTestId('extend').click();
	await expect(page.getByTestId('countdown')).toHaveAttribute('data-seconds', /^(19[0-9]|200)$/); // 240 − 40 left
	await page.getByTestId('note').fill('地界应以老石碑为准');
	await page.reload();
	await expect(page.getByTestId('current-speaker')).toHaveAttribute('data-person', partyB);
	await expect(page.getByTestId('note')).toHaveValue('地界应以老石碑为准'); // the draft note survives too
	await expect(page.getByTestId('countdown')).toHaveAttribute('data-seconds', /^(1[89][0-9]|200)$/); // resumes, not 3:00 again
	await pass(page, 205); // 245 s of 240
	await expect(page.getByTestId('countdown')).toHaveAttribute('data-phase', 'over');
	await expect(page.getByTestId('time-up')).toBeVisible();
	await expect(display.getByTestId('countdown')).toHaveAttribute('data-phase', 'over');
	await page.getByTestId('end-turn').click();
	await expect(page.getByTestId('current-speaker')).toHaveCount(0);

	// Equal time: 王家 spoke less than 李家 now, and is owed the difference.
	await expect(page.locator('[data-testid=side][data-side="王家"] [data-testid=side-owed]')).toBeVisible();
	await expect(page.locator('[data-testid=side][data-side="李家"] [data-testid=side-owed]')).toHaveCount(0);
	// Party A asks to reply: the line shows the time their side is owed; the kind resets after adding.
	await page.locator('label.choice', { has: page.getByTestId('kind-addition') }).click();
	await page.locator(`[data-testid=add-speaker][data-person="${partyA}"]`).click();
	await expect(row(page, partyA).getByTestId('queue-owed')).toBeVisible();
	await expect(row(page, partyA)).toContainText('补充');
	await expect(page.getByTestId('kind-statement')).toBeChecked();

	// The record: durations, overrun, the note and its correction (the original kept).
	const records = page.getByTestId('record-row');
	await expect(records).toHaveCount(2);
	const durationA = Number(await records.nth(0).getAttribute('data-duration'));
	expect(durationA).toBeGreaterThanOrEqual(150);
	expect(durationA).toBeLessThan(170);
	await expect(records.nth(1)).toHaveAttribute('data-overrun', /^([5-9]|1[0-9])$/);
	await expect(records.nth(1).getByTestId('overrun')).toBeVisible();
	await records.nth(0).getByTestId('edit-note').click();
	await page.getByTestId('note-edit').fill('要求按1999年承包合同重新丈量地界');
	await page.getByTestId('note-save').click();
	await expect(records.nth(0).getByTestId('record-note')).toHaveText('要求按1999年承包合同重新丈量地界');
	await expect(records.nth(0).getByTestId('record-original')).toContainText('1998年');
	await expect(records.nth(1).getByTestId('record-note')).toHaveText('地界应以老石碑为准');
	await expect(records.nth(1).getByTestId('record-original')).toHaveCount(0);

	// Bad input: a person who left cannot be given the floor; nothing is recorded.
	await page.getByTestId('tab-attendance').click();
	await page.locator(`[data-testid=person][data-person="${villager}"]`).getByTestId('revoke').click();
	await page.getByRole('button', { name: '撤销签到' }).last().click();
	await expect(page.locator(`[data-testid=person][data-person="${villager}"]`)).toHaveAttribute('data-present', 'false');
	await page.getByTestId('tab-speaking').click();
	await expect(page.getByTestId('start-next')).toBeVisible();
	const before = await eventCount(page);
	await page.getByTestId('start-next').click();
	await expect(page.getByTestId('speak-error')).toContainText('未签到');
	expect(await eventCount(page)).toBe(before);
	await expect(page.getByTestId('current-speaker')).toHaveCount(0);
	await row(page, villager).getByTestId('remove').click();

	// The others speak in turn, the officials' explanation included.
	for (const id of [party2, cadre2]) {
		await page.getByTestId('start-next').click();
		await expect(page.getByTestId('current-speaker')).toHaveAttribute('data-person', id);
		await pass(page, 60);
		await page.getByTestId('end-turn').click();
		await expect(page.getByTestId('current-speaker')).toHaveCount(0);
	}
	await expect(records).toHaveCount(4);
	await expect(page.locator(`[data-testid=person-tally][data-person="${partyA}"]`)).toHaveAttribute('data-turns', '1');
	await expect(page.locator(`[data-testid=person-tally][data-person="${partyB}"] [data-testid=tally-overrun]`)).toHaveAttribute('data-overruns', '1');
	await expect(display.getByTestId('display-sides')).toContainText('王家');

	// Next morning: the server is back and the tablet online; everything syncs.
	await pb.restart();
	await context.setOffline(false);
	await syncNow(page);
	await expectAllSynced(page);
	const events = await pullStream(pb.url, demo.users.linyuan, stream);
	const types = events.map((e) => e.type);
	expect(types.filter((t) => t === 'speaker.queued')).toHaveLength(8);
	expect(types.filter((t) => t === 'turn.started')).toHaveLength(4);
	expect(types.filter((t) => t === 'turn.ended')).toHaveLength(4);
	expect(types.filter((t) => t === 'turn.note_corrected')).toHaveLength(1);
	expect(types.filter((t) => t === 'turn.noted')).toHaveLength(2);
	expect(types).toContain('speaking.sides_set');
	expect(types).toContain('turn.extended');
	const sides = events.find((e) => e.type === 'speaking.sides_set')!.payload;
	expect(sides).toEqual({ sides: [{ name: '王家', persons: [partyA] }, { name: '李家', persons: [partyB] }] });
});

test('a room display on another tablet follows through sync', async ({ page, browser, pb }) => {
	await signIn(page, pb.url, demo.users.linyuan);
	const stream = await newMeeting(page, '林原村土地纠纷协商会');
	for (const id of [partyA, partyB]) await checkIn(page, id);
	await page.getByTestId('tab-speaking').click();
	await page.locator(`[data-testid=add-speaker][data-person="${partyA}"]`).click();
	await page.locator(`[data-testid=add-speaker][data-person="${partyB}"]`).click();
	await page.getByTestId('start-next').click();
	await syncNow(page);
	await expectAllSynced(page);

	const other = await browser.newContext();
	const screen = await other.newPage();
	await signIn(screen, pb.url, demo.users.linyuan);
	await screen.goto(`${pb.url}/display/${stream}`);
	await expect(screen.getByTestId('display-speaker')).toHaveAttribute('data-person', partyA, { timeout: 30_000 });
	await expect(screen.getByTestId('display-next-row')).toHaveCount(1);

	await page.getByTestId('end-turn').click();
	await page.getByTestId('start-next').click();
	await syncNow(page);
	await expectAllSynced(page);
	await expect(screen.getByTestId('display-speaker')).toHaveAttribute('data-person', partyB, { timeout: 30_000 });
	await other.close();
});

test('two tablets offline start two turns at once: both end up showing the same speaker and the conflict', async ({ browser, pb }) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pa = await a.newPage();
	const pbPage = await b.newPage();
	await signIn(pa, pb.url, demo.users.linyuan);
	await signIn(pbPage, pb.url, demo.users.linyuan);
	const stream = await newMeeting(pa, '林原村土地纠纷协商会');
	for (const id of [partyA, partyB, villager]) await checkIn(pa, id);
	await pa.getByTestId('tab-speaking').click();
	for (const id of [partyA, partyB, villager]) await pa.locator(`[data-testid=add-speaker][data-person="${id}"]`).click();
	await expect(pa.getByTestId('queue-row')).toHaveCount(3);
	await syncNow(pa);
	await expectAllSynced(pa);
	await syncNow(pbPage);
	await pbPage.goto(`${pb.url}/meetings/${stream}/speaking`);
	await expect(pbPage.getByTestId('queue-row')).toHaveCount(3);

	await a.setOffline(true);
	await b.setOffline(true);
	await pa.getByTestId('start-next').click(); // tablet A: party A speaks
	await expect(pa.getByTestId('current-speaker')).toHaveAttribute('data-person', partyA);
	await row(pbPage, villager).getByTestId('speaks-next').click(); // tablet B: the villager first, and starts
	await expect.poll(() => queueOrder(pbPage)).toEqual([villager, partyA, partyB]);
	await pbPage.getByTestId('start-next').click();
	await expect(pbPage.getByTestId('current-speaker')).toHaveAttribute('data-person', villager);

	await a.setOffline(false);
	await b.setOffline(false);
	await syncNow(pa);
	await syncNow(pbPage);
	await syncNow(pa);
	await expectAllSynced(pa);
	await expectAllSynced(pbPage);
	// Tablet A started first (earlier in canonical order): its turn runs on both; B's start is flagged
	// and the villager still waits, at the front where B moved them.
	for (const p of [pa, pbPage]) {
		await expect(p.getByTestId('current-speaker')).toHaveAttribute('data-person', partyA);
		await expect(p.getByTestId('speak-conflict')).toBeVisible();
		await expect.poll(() => queueOrder(p)).toEqual([villager, partyB]);
	}
	await a.close();
	await b.close();
});

test('a finger on a tablet reorders the line by dragging the handle', async ({ browser, pb }) => {
	const tablet = await browser.newContext({ hasTouch: true, viewport: { width: 800, height: 1280 } });
	const page = await tablet.newPage();
	await signIn(page, pb.url, demo.users.linyuan);
	await newMeeting(page, '林原村土地纠纷协商会');
	const people = [partyA, partyB, villager, party1];
	for (const id of people) await checkIn(page, id);
	await page.getByTestId('tab-speaking').click();
	for (const id of people) await page.locator(`[data-testid=add-speaker][data-person="${id}"]`).click();
	await expect.poll(() => queueOrder(page)).toEqual(people);

	// Touch the last person's handle and slide the finger up to the first row.
	const handle = (await row(page, party1).getByTestId('drag').boundingBox())!;
	const first = (await row(page, partyA).boundingBox())!;
	const cdp = await tablet.newCDPSession(page);
	const x = handle.x + handle.width / 2;
	const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', y: number) =>
		cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
	await touch('touchStart', handle.y + handle.height / 2);
	for (let i = 1; i <= 10; i++) await touch('touchMove', handle.y + handle.height / 2 + ((first.y + 5 - handle.y - handle.height / 2) * i) / 10);
	await touch('touchEnd', first.y + 5);
	await expect.poll(() => queueOrder(page)).toEqual([party1, partyA, partyB, villager]);
	await tablet.close();
});
