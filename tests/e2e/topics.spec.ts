/**
 * Scenario 4 of domain.md (草场流转, 乌兰图克嘎查): a village topic collected offline with a photo,
 * screened and escalated to the township; the township consults it in a real meeting in its
 * consultation room (its moderator, offline: opens the meeting, schedules the topic into it,
 * checks people in, records the outcome); the township office publishes the notice, answers an
 * objection, hands it over, follows the tasks' progress (an update with a photo), evaluates and
 * closes it; the village sees every step. Photos are uploaded after sync. Bad steps show a clear
 * message and record nothing. Another township's office sees none of it.
 */
import type { Page } from '@playwright/test';
import { chinaDay } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, pullStream, signIn, syncNow, test } from './fixtures';

/** A camera-sized JPEG drawn in the page (scaled down to 1600 px when taken). */
async function cameraJpeg(page: Page, colour: string): Promise<Buffer> {
	const b64 = await page.evaluate((fill) => {
		const c = document.createElement('canvas');
		c.width = 2400;
		c.height = 1800;
		const g = c.getContext('2d')!;
		g.fillStyle = '#9b8';
		g.fillRect(0, 0, 2400, 1800);
		g.fillStyle = fill;
		g.fillRect(400, 300, 1400, 900);
		return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
	}, colour);
	return Buffer.from(b64, 'base64');
}

test('scenario 4: a village topic escalated to the township, consulted, noticed, implemented, evaluated, closed', async ({ browser, pb }) => {
	const village = await browser.newContext();
	const township = await browser.newContext();
	const v = await village.newPage();
	const t = await township.newPage();
	await signIn(v, pb.url, demo.users.wulantuke);
	await signIn(t, pb.url, demo.users.officeAlbas);
	// office staff see the dashboard link, a moderator does not
	await expect(t.getByTestId('nav-dashboard')).toBeVisible();
	await expect(v.getByTestId('nav-dashboard')).toHaveCount(0);

	// --- the village, in the field with no network
	await village.setOffline(true);
	await v.getByTestId('nav-topics').click();
	await v.getByTestId('new-topic').click();
	await v.getByTestId('save-topic').click();
	await expect(v.getByText('请写下议题。')).toBeVisible(); // nothing saved without a title
	await v.locator('input[name=title]').fill('草场流转纠纷');
	await v.locator('input[name=submitter]').fill('敖其尔');
	await v.locator('textarea[name=description]').fill('嘎查草场流转合同多年纠纷未解决，租金与期限有争议。');
	await v.getByTestId('save-topic').click();
	await expect(v.getByTestId('topic-title')).toHaveText('草场流转纠纷');
	const stream = v.url().split('/topics/')[1]!;
	await expect(v.getByTestId('topic-status')).toHaveAttribute('data-status', 'submitted');
	// a photo of the pasture when the topic is collected; a file that is not an image is refused
	const vPhotos = v.getByTestId('topic-photos').getByTestId('topic-photo');
	await v.getByTestId('topic-photo-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
	await expect(v.getByTestId('topic-error')).toContainText('不是图片');
	await expect(vPhotos).toHaveCount(0);
	await v.getByTestId('topic-photo-input').setInputFiles({ name: 'pasture.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(v, '#c84') });
	await expect(vPhotos).toHaveCount(1);
	await expect(vPhotos.first()).toHaveAttribute('data-stored', 'true');
	await expect(v.getByTestId('topic-photos-waiting')).toBeVisible(); // offline: uploaded later
	// the checklist of 鄂托克旗 applies at the village, cached for offline screening
	await expect(v.getByTestId('rule')).toHaveCount(10);
	await v.getByText('邻里之间、群众之间的矛盾纠纷').click();
	await v.getByTestId('screen-accept').click();
	await expect(v.getByTestId('topic-status')).toHaveAttribute('data-status', 'accepted');
	// escalation needs a reason
	await v.getByTestId('escalate').click();
	await expect(v.getByTestId('topic-error')).toBeVisible();
	await expect(v.getByTestId('topic-level')).toHaveAttribute('data-region', demo.regions.wulantuke);
	await v.locator('input[name=move-reason]').fill('村级多年协商未果，涉及苏木草原管理');
	await v.getByTestId('escalate').click();
	await expect(v.getByTestId('topic-level')).toHaveAttribute('data-region', demo.regions.albas);
	await expect(v.getByTestId('move')).toContainText('阿尔巴斯苏木');
	await village.setOffline(false);
	await syncNow(v);
	await expectAllSynced(v);
	await expect(v.getByTestId('topic-photos-waiting')).toHaveCount(0); // the photo is on the server

	// --- the township consults it in a meeting in its consultation room (its moderator, offline)
	const room = await browser.newContext();
	const r = await room.newPage();
	await signIn(r, pb.url, demo.users.albas);
	await syncNow(r);
	await room.setOffline(true);
	const meetingTitle = '阿尔巴斯苏木草场流转协商会';
	const meeting = await createMeeting(r, meetingTitle);
	for (const p of ['pplalbas0000001', 'pplalbas0000002', 'pplalbas0000004', 'pplalbas0000005']) await checkIn(r, p);
	await r.getByTestId('nav-topics').click();
	await r.locator(`[data-testid=topic][data-stream="${stream}"] a`).click();
	await expect(r.getByTestId('topic-level')).toHaveAttribute('data-region', demo.regions.albas);
	await r.getByRole('radio', { name: meetingTitle }).check();
	await r.getByTestId('schedule-save').click();
	await expect(r.getByTestId('topic-status')).toHaveAttribute('data-status', 'scheduled');
	// the meeting's topics tab lists it
	await r.getByRole('link', { name: meetingTitle }).click();
	await r.getByTestId('tab-topics').click();
	await expect(r.getByTestId('meeting-topic')).toContainText('草场流转纠纷');
	await r.getByRole('link', { name: '草场流转纠纷' }).first().click();
	await r.getByTestId('outcome-save').click(); // no text: refused, nothing recorded
	await expect(r.getByTestId('topic-error')).toBeVisible();
	await expect(r.getByTestId('topic-status')).toHaveAttribute('data-status', 'scheduled');
	await r.locator('textarea[name=outcome]').fill('原合同续签三年，租金每亩每年上调5元，由苏木草原站监督执行。');
	await r.getByTestId('outcome-save').click();
	await expect(r.getByTestId('topic-status')).toHaveAttribute('data-status', 'consulted');
	await room.setOffline(false);
	await syncNow(r);
	await expectAllSynced(r);

	// --- the township office follows it up
	await syncNow(t);
	await t.getByTestId('nav-topics').click();
	await t.locator(`[data-testid=topic][data-stream="${stream}"] a`).click();
	await expect(t.getByTestId('topic-status')).toHaveAttribute('data-status', 'consulted');
	await expect(t.getByTestId('outcome-text')).toContainText('原合同续签三年');

	// a notice that ends before it starts is refused and nothing is recorded
	const today = chinaDay(Date.now());
	const day = (n: number) => chinaDay(Date.now() + n * 86_400_000);
	await t.locator('textarea[name=notice]').fill('经协商，草场流转纠纷达成以下共识，现予公示。');
	await t.locator('input[name=starts]').fill(day(7));
	await t.locator('input[name=ends]').fill(today);
	await t.getByTestId('notice-save').click();
	await expect(t.getByTestId('topic-error')).toHaveText('公示结束日期早于开始日期。');
	await expect(t.getByTestId('topic-status')).toHaveAttribute('data-status', 'consulted');
	await t.locator('input[name=starts]').fill(today);
	await t.locator('input[name=ends]').fill(day(7));
	await t.getByTestId('notice-save').click();
	await expect(t.getByTestId('topic-status')).toHaveAttribute('data-status', 'noticed');
	await expect(t.getByTestId('notice-sheet')).toContainText('经协商，草场流转纠纷达成以下共识');

	// an objection, answered, before the hand-over
	await t.locator('input[name=objection-by]').fill('朝鲁');
	await t.locator('input[name=objection]').fill('租金上调幅度太小');
	await t.getByTestId('objection-save').click();
	await expect(t.getByTestId('objection')).toHaveCount(1);
	await t.locator('input[name=unit]').fill('阿尔巴斯苏木人民政府');
	await t.getByTestId('handover-save').click();
	await expect(t.getByTestId('topic-error')).toHaveText('还有异议没有答复，请先答复。');
	await t.locator('input[name=answer]').fill('参照周边市场价评估，维持协商结果');
	await t.getByTestId('answer-save').click();
	await t.getByTestId('handover-save').click();
	await expect(t.getByTestId('topic-status')).toHaveAttribute('data-status', 'implementing');

	// evaluating before implementation (no task yet) is refused
	await t.locator('input[name=satisfied]').fill('5');
	await t.locator('textarea[name=assessment]').fill('太早了');
	await t.getByTestId('evaluate-save').click();
	await expect(t.getByTestId('topic-error')).toHaveText('还没有落实，不能评估：请先交办并添加落实任务。');
	await expect(t.getByTestId('topic-status')).toHaveAttribute('data-status', 'implementing');

	// a task already past its due day is highlighted until it is done
	await t.locator('input[name=task-title]').fill('重新签订草场流转合同');
	await t.locator('input[name=task-owner]').fill('斯琴（苏木草原站）');
	await t.locator('input[name=task-due]').fill(day(-1));
	await t.getByTestId('task-save').click();
	await expect(t.getByTestId('task')).toHaveAttribute('data-overdue', 'true');
	await expect(t.locator('input[name=progress-task]')).toBeChecked(); // the only task is preselected
	await t.locator('input[name=percent]').fill('50');
	await t.locator('input[name=progress-note]').fill('双方已同意新条款');
	await t.getByTestId('progress-save').click();
	await expect(t.getByTestId('task-progress')).toHaveAttribute('aria-valuenow', '50');
	// the last update comes with a photo of the signed contract
	await t.locator('input[name=percent]').fill('100');
	await t.locator('input[name=progress-note]').fill('新合同已签订');
	await t.getByTestId('progress-photo-input').setInputFiles({ name: 'contract.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg(t, '#36c') });
	await t.getByTestId('progress-save').click();
	await expect(t.getByTestId('task-progress')).toHaveAttribute('aria-valuenow', '100');
	await expect(t.getByTestId('task').getByTestId('topic-photo')).toHaveCount(1);
	await expect(t.getByTestId('task').getByTestId('topic-photo')).toHaveAttribute('data-stored', 'true');
	await expect(t.getByTestId('topic-photos').getByTestId('topic-photo')).toHaveCount(2); // the village's and this one
	await expect(t.getByTestId('task')).toHaveAttribute('data-overdue', 'false');

	await t.locator('input[name=satisfied]').fill('6');
	await t.locator('input[name=basically]').fill('1');
	await t.locator('textarea[name=assessment]').fill('纠纷化解，双方按新合同履行。');
	await t.getByTestId('evaluate-save').click();
	await expect(t.getByTestId('topic-status')).toHaveAttribute('data-status', 'evaluated');
	await t.getByTestId('close-topic').click();
	await expect(t.getByTestId('topic-status')).toHaveAttribute('data-status', 'closed');
	await syncNow(t);
	await expectAllSynced(t);

	// the dashboard of the township counts it
	await t.getByTestId('nav-dashboard').click();
	await expect(t.getByTestId('dashboard-scope')).toContainText('1');
	await expect(t.getByTestId('chart-status')).toHaveAttribute('aria-label', /已办结 1/);

	// --- the village sees the whole loop
	await syncNow(v);
	await v.reload();
	await expect(v.getByTestId('topic-status')).toHaveAttribute('data-status', 'closed');
	await expect(v.getByTestId('evaluation')).toContainText('满意 6 人');
	await expect(v.getByTestId('topic-flagged')).toHaveCount(0);
	// both photos are listed; the one taken on the office's tablet is not stored on this one
	await expect(vPhotos).toHaveCount(2);
	await expect(vPhotos.nth(0)).toHaveAttribute('data-stored', 'true');
	await expect(vPhotos.nth(1)).toHaveAttribute('data-stored', 'false');

	const events = await pullStream(pb.url, demo.users.wulantuke, stream);
	const types = events.map((e) => e.type);
	expect(types).toEqual([
		'topic.submitted',
		'photo.added',
		'topic.screened',
		'topic.escalated',
		'topic.scheduled',
		'topic.outcome_recorded',
		'topic.notice_published',
		'topic.objection_recorded',
		'topic.objection_answered',
		'topic.handed_over',
		'topic.task_added',
		'topic.progress_reported',
		'photo.added',
		'topic.progress_reported',
		'topic.evaluated',
		'topic.closed'
	]);
	// the township scheduled it into its real meeting, and the outcome names that meeting
	expect(events.find((e) => e.type === 'topic.scheduled')!.payload).toMatchObject({ meeting, title: meetingTitle });
	expect(events.find((e) => e.type === 'topic.outcome_recorded')!.payload).toMatchObject({ meeting });
	const meetingEvents = await pullStream(pb.url, demo.users.albas, meeting);
	expect(meetingEvents.filter((e) => e.type === 'attendance.checked_in')).toHaveLength(4);
	// the progress update lists the photo taken with it; both files reached the server after sync
	const photoIds = events.filter((e) => e.type === 'photo.added').map((e) => e.payload.photo as string);
	expect(events.filter((e) => e.type === 'topic.progress_reported').at(-1)!.payload.photos).toEqual([photoIds[1]]);
	const su = await pb.superuserToken();
	await expect
		.poll(async () => {
			const res = await fetch(`${pb.url}/api/collections/photos/records?filter=${encodeURIComponent(`stream="${stream}"`)}&sort=id`, {
				headers: { Authorization: su }
			});
			return ((await res.json()) as { items: { id: string; venue: string }[] }).items.map((p) => [p.id, p.venue]);
		})
		.toEqual(photoIds.sort().map((id) => [id, demo.venues.wulantuke]));

	// --- another township's office reads none of it, on its tablet or through the API
	const other = await browser.newContext();
	const o = await other.newPage();
	await signIn(o, pb.url, demo.users.officeWulan);
	await syncNow(o);
	await o.getByTestId('nav-topics').click();
	await expect(o.getByTestId('topics-empty')).toBeVisible();
	await o.goto(`${pb.url}/topics/${stream}`);
	await expect(o.getByTestId('topic-not-found')).toBeVisible();
	expect(await pullStream(pb.url, demo.users.officeWulan, stream)).toEqual([]);

	await village.close();
	await township.close();
	await room.close();
	await other.close();
});
