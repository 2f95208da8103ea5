/**
 * Votes: scenario 1 of domain.md (11 entitled, 10 for, 0 against, 1 abstain → passed) by show of
 * hands and again by secret ballot passing the tablet; synced and read back from the server, where
 * no event links a voter to a choice. Then a roll call with a double vote, a correction, and the
 * refusals a moderator meets.
 */
import type { Page } from '@playwright/test';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, pullStream, signIn, syncNow, test } from './fixtures';

const MOTION = '楼道电力设施改造费用由物业管理和相关部门共同承担，每户出资数百元。';

async function openVote(page: Page, method: string, motion = MOTION): Promise<string> {
	await page.getByTestId('vote-new').click();
	await page.getByTestId('vote-motion-input').fill(motion);
	await page.getByTestId(`vote-method-${method}`).check();
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

function result(page: Page, vote: string) {
	return page.locator(`[data-testid="vote-result"][data-vote="${vote}"]`);
}

test('scenario 1 by show of hands and by secret ballot, synced and read back', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会');
	const voters = kairongPeople.slice(0, 11);
	for (const id of voters) await checkIn(page, id);
	await page.getByTestId('tab-votes').click();
	await expect(page.getByTestId('votes-empty')).toBeVisible();

	// ── Show of hands ──
	await page.getByTestId('vote-new').click();
	await expect(page.getByTestId('vote-entitled-preview')).toHaveAttribute('data-count', '11');
	await page.getByRole('button', { name: '取消' }).click();
	const hands = await openVote(page, 'show_of_hands');

	// Above the entitled number: warned while typing, refused on saving; nothing recorded.
	await page.getByTestId('hands-for').fill('12');
	await page.getByTestId('hands-against').fill('0');
	await page.getByTestId('hands-abstain').fill('0');
	await expect(page.getByTestId('hands-warning')).toBeVisible();
	await page.getByTestId('hands-save').click();
	await expect(page.getByTestId('vote-error')).toContainText('多于可表决的人数');
	await expect(page.getByTestId('hands-save')).toBeVisible();

	await page.getByTestId('hands-for').fill('10');
	await page.getByTestId('hands-abstain').fill('1');
	await expect(page.getByTestId('hands-warning')).toHaveCount(0);
	await page.getByTestId('hands-save').click();
	await expect(page.getByTestId('hands-save')).toHaveCount(0);
	await expect(result(page, hands)).toHaveAttribute('data-passed', 'true');
	await closeVote(page);
	await expect(result(page, hands)).toHaveAttribute('data-status', 'closed');
	await expect(result(page, hands).getByTestId('vote-verdict')).toHaveText('通过');
	await expect(result(page, hands).getByTestId('vote-sentence')).toHaveText('通过：赞成 10 票，超过实到 11 人的半数（至少需 6 票）。');

	// ── Secret ballot, passing the tablet ──
	const secret = await openVote(page, 'secret_ballot');
	// Someone who arrives after the vote opened is not entitled: they are not offered a ballot.
	const late = kairongPeople[11]!;
	await page.getByTestId('tab-attendance').click();
	await checkIn(page, late);
	await page.getByTestId('tab-votes').click();
	await page.getByTestId('secret-start').click();
	await expect(page.getByTestId('secret-voter')).toHaveCount(11);
	await expect(page.locator(`[data-testid="secret-voter"][data-person="${late}"]`)).toHaveCount(0);
	const booth = page.getByTestId('secret-booth');
	for (let i = 0; i < voters.length; i++) {
		await expect(booth).toHaveAttribute('data-step', 'pick');
		await booth.locator(`[data-testid="secret-voter"][data-person="${voters[i]}"]`).click();
		await booth.getByTestId('secret-yes').click();
		await booth.getByTestId(i < 10 ? 'secret-choice-for' : 'secret-choice-abstain').click();
		await expect(booth).toHaveAttribute('data-step', 'done');
		// The screen clears: nothing of the choice is shown to the next voter.
		await expect(booth).not.toContainText('赞成');
		await booth.getByTestId('secret-next').click();
		// A second vote by the same voter is impossible: their name is greyed out.
		await expect(booth.locator(`[data-testid="secret-voter"][data-person="${voters[i]}"]`)).toBeDisabled();
	}
	await booth.getByTestId('secret-finish').click();
	await expect(page.getByTestId('secret-progress')).toHaveAttribute('data-count', '11');
	await closeVote(page);
	await expect(result(page, secret)).toHaveAttribute('data-passed', 'true');
	await expect(result(page, secret).locator('[data-testid="vote-count"][data-choice="for"]')).toHaveText('10');
	await expect(result(page, secret).locator('[data-testid="vote-count"][data-choice="abstain"]')).toHaveText('1');

	// The room display (a second window) shows the latest result, large.
	const display = await page.context().newPage();
	await display.goto(`${pb.url}/display/votes/${stream}`);
	await expect(display.getByTestId('vote-result')).toHaveAttribute('data-vote', secret);
	await expect(display.getByTestId('vote-verdict')).toHaveText('通过');
	await display.close();

	// ── Synced and read back ──
	await syncNow(page);
	await expectAllSynced(page);
	const events = await pullStream(pb.url, demo.users.kairong, stream);
	const of = (type: string) => events.filter((e) => e.type === type);
	expect(of('vote.opened')).toHaveLength(2);
	expect(of('vote.opened')[0]!.payload).toMatchObject({ vote: hands, method: 'show_of_hands', motion: MOTION });
	expect((of('vote.opened')[0]!.payload.entitled as string[]).sort()).toEqual([...voters].sort());
	expect(of('vote.hands_counted').map((e) => e.payload)).toEqual([{ vote: hands, counts: { for: 10, against: 0, abstain: 1 } }]);
	expect(of('vote.ballot_cast')).toHaveLength(11);
	for (const e of of('vote.ballot_cast')) expect(Object.keys(e.payload).sort()).toEqual(['vote', 'voter']);
	expect(of('vote.urn_counted').map((e) => e.payload)).toEqual([{ vote: secret, counts: { for: 10, against: 0, abstain: 1 }, ballots: 11 }]);
	expect(of('vote.closed')).toHaveLength(2);
	expect(of('vote.cast')).toHaveLength(0);
	// No event on the server links a voter and a choice.
	for (const e of events) expect('voter' in e.payload && ('choice' in e.payload || 'counts' in e.payload)).toBe(false);
});

test('roll call: who has not voted, a double vote flagged and resolved, a correction, a closed meeting', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	await createMeeting(page, '凯荣小区电力设施改造协商会');
	const voters = kairongPeople.slice(0, 3);
	for (const id of voters) await checkIn(page, id);
	await page.getByTestId('tab-votes').click();
	const vote = await openVote(page, 'roll_call');
	const row = (id: string) => page.locator(`[data-testid="rollcall-person"][data-person="${id}"]`);

	await expect(page.getByTestId('not-voted')).toHaveAttribute('data-count', '3');
	await row(voters[0]!).getByTestId('cast-for').click();
	await expect(row(voters[0]!)).toHaveAttribute('data-choice', 'for');
	await row(voters[1]!).getByTestId('cast-against').click();
	await expect(page.getByTestId('not-voted')).toHaveAttribute('data-count', '1');

	// A second, different vote by the same voter: recorded and flagged, the first still counts.
	await row(voters[0]!).getByTestId('cast-against').click();
	const flag = page.locator(`[data-testid="flag-double"][data-person="${voters[0]}"]`);
	await expect(flag).toBeVisible();
	await expect(row(voters[0]!)).toHaveAttribute('data-choice', 'for');
	await flag.getByTestId('resolve-against').click();
	await expect(flag).toHaveCount(0);
	await expect(row(voters[0]!)).toHaveAttribute('data-choice', 'against');

	await row(voters[2]!).getByTestId('cast-for').click();
	await expect(page.getByTestId('not-voted')).toHaveAttribute('data-count', '0');
	await closeVote(page);
	await expect(result(page, vote)).toHaveAttribute('data-passed', 'false');
	await expect(result(page, vote).getByTestId('vote-corrections')).toContainText('主持人确认');

	// A correction after the fact needs a reason; with one, the result is recomputed.
	await page.getByTestId('vote-correct').click();
	await page.getByTestId('correction-voter').selectOption(voters[1]!);
	await page.getByRole('dialog').locator('label.choice', { hasText: '赞成' }).click();
	await page.getByRole('dialog').getByRole('button', { name: '保存更正' }).click();
	await expect(page.getByTestId('correction-error')).toContainText('更正原因');
	await page.getByTestId('correction-reason').fill('本人说明：举手时看错了，实为赞成');
	await page.getByRole('dialog').getByRole('button', { name: '保存更正' }).click();
	await expect(result(page, vote)).toHaveAttribute('data-passed', 'true');
	await expect(result(page, vote).getByTestId('vote-corrections')).toContainText('本人说明');

	// A closed meeting takes no new vote.
	await page.getByTestId('close-meeting').click();
	await page.getByRole('dialog').getByRole('button', { name: /结束会议/ }).last().click();
	await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'closed');
	await expect(page.getByTestId('vote-new')).toHaveCount(0);
});

test('consensus check: one block means no consensus', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	await createMeeting(page, '凯荣小区电力设施改造协商会');
	const voters = kairongPeople.slice(0, 4);
	for (const id of voters) await checkIn(page, id);
	await page.getByTestId('tab-votes').click();
	const vote = await openVote(page, 'consensus', '施工队由居民代表参与挑选');
	const row = (id: string) => page.locator(`[data-testid="rollcall-person"][data-person="${id}"]`);
	await row(voters[0]!).getByTestId('cast-agree').click();
	await row(voters[1]!).getByTestId('cast-agree').click();
	await row(voters[2]!).getByTestId('cast-reservations').click();
	await row(voters[3]!).getByTestId('cast-block').click();
	await expect(page.getByTestId('not-voted')).toHaveAttribute('data-count', '0');
	await closeVote(page);
	await expect(result(page, vote).getByTestId('vote-verdict')).toHaveText('未达成共识');
	await expect(result(page, vote).getByTestId('vote-sentence')).toHaveText('未达成共识：1 人反对到底。');
	await expect(result(page, vote).locator('[data-testid="vote-count"][data-choice="reservations"]')).toHaveText('1');
});
