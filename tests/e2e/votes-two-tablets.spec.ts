/**
 * A secret ballot on two tablets: voters pass tablet A or tablet B, offline. Tablet A closes the
 * vote and counts its urn; tablet B, once it sees the close, counts its own. After syncing both
 * show the whole tally, and the server holds two aggregates and no voter next to a choice.
 */
import type { Page } from '@playwright/test';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, pullStream, signIn, syncNow, test } from './fixtures';

async function vote(page: Page, voter: string, choice: 'for' | 'against' | 'abstain'): Promise<void> {
	const booth = page.getByTestId('secret-booth');
	await booth.locator(`[data-testid="secret-voter"][data-person="${voter}"]`).click();
	await booth.getByTestId('secret-yes').click();
	await booth.getByTestId(`secret-choice-${choice}`).click();
	await expect(booth).toHaveAttribute('data-step', 'done');
	await booth.getByTestId('secret-next').click();
}

test('a secret ballot on two tablets adds up both urns', async ({ browser, pb }) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pa = await a.newPage();
	const pbPage = await b.newPage();
	await signIn(pa, pb.url, demo.users.kairong);
	await signIn(pbPage, pb.url, demo.users.kairong);

	const stream = await createMeeting(pa, '两台平板无记名投票');
	const voters = kairongPeople.slice(0, 6);
	for (const id of voters) await checkIn(pa, id);
	await pa.getByTestId('tab-votes').click();
	await pa.getByTestId('vote-new').click();
	await pa.getByTestId('vote-motion-input').fill('施工期间每晚停电两小时');
	await pa.getByTestId('vote-method-secret_ballot').check();
	await pa.getByTestId('vote-open').click();
	const voteId = (await pa.getByTestId('vote-active').getAttribute('data-vote'))!;
	await syncNow(pa);
	await expectAllSynced(pa);
	await syncNow(pbPage);
	await pbPage.goto(`${pb.url}/meetings/${stream}/votes`);
	await expect(pbPage.getByTestId('vote-active')).toHaveAttribute('data-vote', voteId);

	await a.setOffline(true);
	await b.setOffline(true);
	await pa.getByTestId('secret-start').click();
	await vote(pa, voters[0]!, 'for');
	await vote(pa, voters[1]!, 'for');
	await vote(pa, voters[2]!, 'against');
	await pa.getByTestId('secret-finish').click();
	await pbPage.getByTestId('secret-start').click();
	await vote(pbPage, voters[3]!, 'for');
	await vote(pbPage, voters[4]!, 'abstain');
	await pbPage.getByTestId('secret-finish').click();

	await pa.getByTestId('vote-close').click();
	await pa.getByRole('dialog').getByRole('button', { name: '结束表决' }).click();
	await expect(pa.getByTestId('vote-active')).toHaveCount(0);

	await a.setOffline(false);
	await b.setOffline(false);
	await syncNow(pa);
	await expectAllSynced(pa);
	await syncNow(pbPage);
	// Tablet B sees the vote closed by A, with its own ballots not yet in the tally.
	await expect(pbPage.getByTestId('urn-pending')).toBeVisible();
	await pbPage.getByTestId('count-urn').click();
	await expect(pbPage.getByTestId('urn-pending')).toHaveCount(0);
	await syncNow(pbPage);
	await expectAllSynced(pbPage);
	await syncNow(pa);

	for (const p of [pa, pbPage]) {
		const result = p.locator(`[data-testid="vote-result"][data-vote="${voteId}"]`);
		await expect(result.locator('[data-testid="vote-count"][data-choice="for"]')).toHaveText('3');
		await expect(result.locator('[data-testid="vote-count"][data-choice="against"]')).toHaveText('1');
		await expect(result.locator('[data-testid="vote-count"][data-choice="abstain"]')).toHaveText('1');
		await expect(p.getByTestId('urns-missing')).toHaveCount(0);
	}

	const events = await pullStream(pb.url, demo.users.kairong, stream);
	expect(events.filter((e) => e.type === 'vote.ballot_cast')).toHaveLength(5);
	expect(events.filter((e) => e.type === 'vote.urn_counted').map((e) => e.payload.counts)).toEqual(
		expect.arrayContaining([
			{ for: 2, against: 1, abstain: 0 },
			{ for: 1, against: 0, abstain: 1 }
		])
	);
	for (const e of events) expect('voter' in e.payload && ('choice' in e.payload || 'counts' in e.payload)).toBe(false);
	await a.close();
	await b.close();
});
