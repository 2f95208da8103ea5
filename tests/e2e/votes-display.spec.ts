/**
 * A secret ballot whose voters sign (issue 6: "tap name, optional signature"), three voters, with
 * the refusals of an empty pad and a single dot; synced and read back: each ballot event carries the
 * voter and their signature, never a choice. Then the one room display following the moderator,
 * offline, from a speaker to an open vote (no tally) to its result and back to the speaker.
 * Time passes by moving the browser's wall clock, never by waiting.
 */
import type { Locator, Page } from '@playwright/test';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, pullStream, signIn, syncNow, test } from './fixtures';

const MOTION = '楼道电力设施改造费用由物业管理和相关部门共同承担，每户出资数百元。';

async function openVote(page: Page, method: string, sign = false): Promise<string> {
	await page.getByTestId('vote-new').click();
	await page.getByTestId('vote-motion-input').fill(MOTION);
	await page.getByTestId(`vote-method-${method}`).check();
	if (sign) await page.getByTestId('vote-voters-sign').check();
	await page.getByTestId('vote-open').click();
	const active = page.getByTestId('vote-active');
	await expect(active).toHaveAttribute('data-method', method);
	return (await active.getAttribute('data-vote'))!;
}

async function closeVote(page: Page): Promise<void> {
	await page.getByTestId('vote-close').click();
	await page.getByRole('dialog').getByRole('button', { name: '结束表决' }).click();
	await expect(page.getByTestId('vote-active')).toHaveCount(0);
}

async function draw(page: Page, pad: Locator, seed: number): Promise<void> {
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

/** Moves the wall clock of every window of the tablet forward. */
async function pass(page: Page, seconds: number): Promise<void> {
	const now = await page.evaluate(() => Date.now());
	await page.clock.setSystemTime(now + seconds * 1000);
}

test('a secret ballot where each voter signs before choosing, three voters, synced and read back', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会');
	const voters = kairongPeople.slice(0, 3);
	for (const id of voters) await checkIn(page, id);
	await page.getByTestId('tab-votes').click();

	// The choice is offered for a secret ballot only.
	await page.getByTestId('vote-new').click();
	await expect(page.getByTestId('vote-voters-sign')).toHaveCount(0);
	await page.getByRole('button', { name: '取消' }).click();
	const vote = await openVote(page, 'secret_ballot', true);
	await expect(page.getByTestId('vote-active')).toContainText('需签名');

	await page.getByTestId('secret-start').click();
	const booth = page.getByTestId('secret-booth');
	const choices = ['for', 'against', 'for'] as const;
	for (let i = 0; i < voters.length; i++) {
		await booth.locator(`[data-testid="secret-voter"][data-person="${voters[i]}"]`).click();
		await booth.getByTestId('secret-yes').click();
		await expect(booth).toHaveAttribute('data-step', 'sign');
		const pad = booth.getByTestId('signature-pad');
		if (i === 0) {
			// An empty pad and a single dot are refused with the reason; the ballot is not shown yet.
			await booth.getByTestId('secret-signed').click();
			await expect(booth.getByTestId('secret-sign-problem')).toHaveText('还没有签名，请用手指或笔在框内写下名字。');
			const box = (await pad.boundingBox())!;
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
			await booth.getByTestId('secret-signed').click();
			await expect(booth.getByTestId('secret-sign-problem')).toHaveText('签名太短了（只点了一下），请完整写下名字。');
			await expect(booth).toHaveAttribute('data-step', 'sign');
			await booth.getByTestId('signature-clear').click();
		}
		await draw(page, pad, i + 1);
		await booth.getByTestId('secret-signed').click();
		// Signed before the choice screen: the pad is gone when the choice is made.
		await expect(booth).toHaveAttribute('data-step', 'choose');
		await expect(booth.getByTestId('signature-pad')).toHaveCount(0);
		await booth.getByTestId(`secret-choice-${choices[i]}`).click();
		await expect(booth).toHaveAttribute('data-step', 'done');
		await booth.getByTestId('secret-next').click();
		// The next voter starts with a clean pad.
		if (i + 1 < voters.length) {
			await booth.locator(`[data-testid="secret-voter"][data-person="${voters[i + 1]}"]`).click();
			await booth.getByTestId('secret-yes').click();
			await expect(booth.getByTestId('signature-clear')).toBeDisabled();
			await booth.getByTestId('secret-not-me').click();
		}
	}
	await booth.getByTestId('secret-finish').click();
	await expect(page.getByTestId('secret-progress')).toHaveAttribute('data-count', '3');
	await closeVote(page);
	const result = page.locator(`[data-testid="vote-result"][data-vote="${vote}"]`);
	await expect(result.locator('[data-testid="vote-count"][data-choice="for"]')).toHaveText('2');
	await expect(result.locator('[data-testid="vote-count"][data-choice="against"]')).toHaveText('1');

	await syncNow(page);
	await expectAllSynced(page);
	const events = await pullStream(pb.url, demo.users.kairong, stream);
	const opened = events.filter((e) => e.type === 'vote.opened');
	expect(opened.map((e) => e.payload.voters_sign)).toEqual([true]);
	const ballots = events.filter((e) => e.type === 'vote.ballot_cast');
	expect(ballots.map((e) => e.payload.voter).sort()).toEqual([...voters].sort());
	for (const e of ballots) {
		expect(Object.keys(e.payload).sort()).toEqual(['signature', 'vote', 'voter']);
		expect(Object.keys(e.payload.signature as object).sort()).toEqual(['h', 'sha256', 'strokes', 'w']);
	}
	expect(events.filter((e) => e.type === 'vote.urn_counted').map((e) => e.payload)).toEqual([{ vote, counts: { for: 2, against: 1, abstain: 0 }, ballots: 3 }]);
	for (const e of events) expect('voter' in e.payload && ('choice' in e.payload || 'counts' in e.payload)).toBe(false);
});

test('one room display follows the moderator offline: speaker, open vote, its result, speaker again', async ({ page, context, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会');
	await expectAllSynced(page);
	await context.setOffline(true);
	await pb.kill('SIGTERM');
	await page.reload();
	const people = kairongPeople.slice(0, 3);
	for (const id of people) await checkIn(page, id);

	await page.getByTestId('tab-speaking').click();
	const [display] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-display').click()]);
	await expect(display).toHaveURL(`${pb.url}/display/${stream}`);
	await expect(display.getByTestId('display-idle')).toBeVisible();
	for (const id of people) await page.locator(`[data-testid=add-speaker][data-person="${id}"]`).click();
	await page.getByTestId('start-next').click();
	await expect(display.getByTestId('display-speaker')).toHaveAttribute('data-person', people[0]!);
	await page.getByTestId('end-turn').click();

	// A vote opens: the same window shows its motion and that voting is under way, no tally.
	await page.getByTestId('tab-votes').click();
	const vote = await openVote(page, 'show_of_hands');
	const open = display.getByTestId('display-vote-open');
	await expect(open).toHaveAttribute('data-vote', vote);
	await expect(open).toContainText('表决进行中');
	await expect(display.getByTestId('display-vote-motion')).toHaveText(MOTION);
	await expect(display.getByTestId('display-speaker-view')).toHaveCount(0);
	await page.getByTestId('hands-for').fill('3');
	await page.getByTestId('hands-against').fill('0');
	await page.getByTestId('hands-abstain').fill('0');
	await page.getByTestId('hands-save').click();
	await expect(page.getByTestId('hands-save')).toHaveCount(0);
	await expect(open).toBeVisible();
	await expect(display.getByTestId('vote-result')).toHaveCount(0);

	// Closed: the result with its bar chart, for a minute.
	await closeVote(page);
	const shown = display.getByTestId('display-vote-result');
	await expect(shown).toHaveAttribute('data-vote', vote);
	await expect(shown.getByTestId('vote-verdict')).toHaveText('通过');
	await expect(shown.locator('svg')).toBeVisible();
	await pass(page, 30);
	await expect(shown).toBeVisible();
	await pass(page, 35);
	await expect(display.getByTestId('display-speaker-view')).toBeVisible();
	await expect(display.getByTestId('display-vote-result')).toHaveCount(0);

	// A second vote's result gives way as soon as the next speaker starts.
	const second = await openVote(page, 'show_of_hands');
	await expect(display.getByTestId('display-vote-open')).toHaveAttribute('data-vote', second);
	await page.getByTestId('hands-for').fill('1');
	await page.getByTestId('hands-against').fill('2');
	await page.getByTestId('hands-abstain').fill('0');
	await page.getByTestId('hands-save').click();
	await closeVote(page);
	await expect(display.getByTestId('display-vote-result')).toHaveAttribute('data-vote', second);
	await expect(display.getByTestId('vote-verdict')).toHaveText('未通过');
	await page.getByTestId('tab-speaking').click();
	await page.getByTestId('start-next').click();
	await expect(display.getByTestId('display-speaker')).toHaveAttribute('data-person', people[1]!);
	await expect(display.getByTestId('display-vote-result')).toHaveCount(0);

	// The old votes display address lands on the same room display.
	await display.goto(`${pb.url}/display/votes/${stream}`);
	await expect(display).toHaveURL(`${pb.url}/display/${stream}`);
	await expect(display.getByTestId('display-speaker')).toHaveAttribute('data-person', people[1]!);
});
