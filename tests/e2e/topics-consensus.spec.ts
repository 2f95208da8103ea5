/**
 * A topic scheduled into a live meeting takes the meeting's signed consensus as its outcome:
 * offered on the meeting's topics tab only once everyone present has signed the current version
 * (before that the tab says what is missing, and records nothing); the outcome carries the
 * meeting and the version's text_sha256 to the server.
 */
import type { Page } from '@playwright/test';
import { textSha256 } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, pullStream, signIn, syncNow, test } from './fixtures';
import { shots } from './tools/shots';

const TEXT = '经协商，参会各方达成如下共识：\n一、楼道杂物由各楼栋长组织清理。\n二、每两周检查一次。';

async function sign(page: Page, person: string, seed: number): Promise<void> {
	const row = page.locator(`[data-testid="signer"][data-person="${person}"]`);
	await row.getByTestId('sign').click();
	const box = (await page.getByTestId('sign-dialog').getByTestId('signature-pad').boundingBox())!;
	for (let s = 0; s < 3; s++) {
		const x0 = box.x + box.width * (0.15 + 0.25 * s);
		const y0 = box.y + box.height * (0.3 + 0.05 * ((seed + s) % 3));
		await page.mouse.move(x0, y0);
		await page.mouse.down();
		for (let i = 1; i <= 8; i++) await page.mouse.move(x0 + i * 12, y0 + Math.sin(i + seed) * 20 + i * 4);
		await page.mouse.up();
	}
	await page.getByTestId('sign-submit').click();
	await expect(row).toHaveAttribute('data-state', 'signed');
}

test("the meeting's signed consensus becomes the topic's outcome", async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const meeting = await createMeeting(page, '凯荣小区楼道治理协商会');
	const [a, b] = [kairongPeople[0]!, kairongPeople[1]!];
	await checkIn(page, a);
	await checkIn(page, b);

	await page.getByTestId('nav-topics').click();
	await page.getByTestId('new-topic').click();
	await page.getByRole('radio', { name: '群众议题' }).check();
	await page.locator('input[name=title]').fill('楼道杂物清理');
	await page.locator('input[name=submitter]').fill('王建国');
	await page.getByTestId('save-topic').click();
	await expect(page.getByTestId('topic-title')).toHaveText('楼道杂物清理');
	const topic = page.url().split('/topics/')[1]!;
	await page.getByTestId('screen-accept').click();
	await page.getByRole('radio', { name: '凯荣小区楼道治理协商会' }).check();
	await page.getByTestId('schedule-save').click();
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'scheduled');

	// No consensus yet: the tab says so and the button does nothing.
	await page.goto(`${pb.url}/meetings/${meeting}`);
	await page.getByTestId('tab-topics').click();
	const item = page.getByTestId('meeting-topic');
	await expect(item).toHaveCount(1);
	await expect(item.getByTestId('use-consensus')).toBeDisabled();
	await expect(item.getByTestId('use-consensus-hint')).toHaveText('本次会议还没有共识文本。');

	// A draft, signed by one of the two present: the other is named.
	await page.getByTestId('tab-consensus').click();
	await page.getByTestId('consensus-text').fill(TEXT);
	await page.getByTestId('save-draft').click();
	await expect(page.getByTestId('current-version')).toHaveAttribute('data-version', '1');
	await sign(page, a, 1);
	await page.getByTestId('tab-topics').click();
	await expect(item.getByTestId('use-consensus')).toBeDisabled();
	await expect(item.getByTestId('use-consensus-hint')).toHaveText('还有 1 位到会的人没有签字确认当前的共识：李秀英。');
	await shots(page, 'links-topics-unsigned');

	// Everyone present signed: one tap records the outcome.
	await page.getByTestId('tab-consensus').click();
	await sign(page, b, 2);
	await page.getByTestId('tab-topics').click();
	await expect(item.getByTestId('use-consensus-hint')).toContainText('第 1 版共识');
	await shots(page, 'links-topics-signed');
	await item.getByTestId('use-consensus').click();
	await expect(item).toHaveAttribute('data-status', 'consulted');
	await expect(item.getByTestId('meeting-topic-outcome')).toHaveText(TEXT);
	await expect(item.getByTestId('outcome-from-consensus')).toBeVisible();
	await expect(item.getByTestId('use-consensus')).toHaveCount(0);
	await shots(page, 'links-topics-outcome');

	await page.goto(`${pb.url}/topics/${topic}`);
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'consulted');
	await expect(page.getByTestId('outcome-from-consensus')).toBeVisible();

	await syncNow(page);
	await expectAllSynced(page);
	const events = await pullStream(pb.url, demo.users.kairong, topic);
	const outcome = events.find((e) => e.type === 'topic.outcome_recorded')!;
	expect(outcome.payload).toEqual({ text: TEXT, meeting, consensus_hash: textSha256(TEXT) });
});
