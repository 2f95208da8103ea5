/**
 * Shared steps of the meeting scenarios (domain.md): a check-in by signature, speaking turns on the speaking tab, a vote by
 * show of hands on the votes tab. Time passes by moving the browser's wall clock, never by waiting.
 */
import type { Page } from '@playwright/test';
import { expect, person } from './fixtures';

/** Checks a person in by a signature written on the pad with the mouse (three characters). */
export async function signCheckIn(page: Page, id: string): Promise<void> {
	await person(page, id).getByTestId('sign-check-in').click();
	const dialog = page.getByTestId('sign-dialog');
	const box = (await dialog.getByTestId('signature-pad').boundingBox())!;
	const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
	for (let c = 0; c < 3; c++) {
		const left = 0.15 + c * 0.25;
		for (const [x0, y0, x1, y1] of [
			[left, 0.3, left + 0.15, 0.3],
			[left + 0.07, 0.2, left + 0.06, 0.75],
			[left + 0.02, 0.55, left + 0.16, 0.7]
		] as const) {
			await page.mouse.move(...at(x0, y0));
			await page.mouse.down();
			await page.mouse.move(...at((x0 + x1) / 2, (y0 + y1) / 2 + 0.03), { steps: 6 });
			await page.mouse.move(...at(x1, y1), { steps: 6 });
			await page.mouse.up();
		}
	}
	await dialog.getByTestId('sign-confirm').click();
	await expect(dialog).not.toBeVisible();
	await expect(person(page, id)).toHaveAttribute('data-present', 'true');
}

/** Moves the wall clock of every window of the tablet forward. */
export async function pass(page: Page, seconds: number): Promise<void> {
	const now = await page.evaluate(() => Date.now());
	await page.clock.setSystemTime(now + seconds * 1000);
}

export interface TurnPlan {
	person: string;
	/** Seconds the person speaks (by the moved clock). */
	seconds: number;
	note?: string;
}

/** Puts everyone in line on the speaking tab, then gives each the floor in turn. */
export async function speakTurns(page: Page, turns: readonly TurnPlan[]): Promise<void> {
	await page.getByTestId('tab-speaking').click();
	for (const t of turns) {
		await page.locator(`[data-testid=add-speaker][data-person="${t.person}"]`).click();
		await expect(page.locator(`[data-testid=queue-row][data-person="${t.person}"]`)).toBeVisible();
	}
	for (const t of turns) {
		await page.getByTestId('start-next').click();
		await expect(page.getByTestId('current-speaker')).toHaveAttribute('data-person', t.person);
		await pass(page, t.seconds);
		if (t.note) await page.getByTestId('note').fill(t.note);
		await page.getByTestId('end-turn').click();
		await expect(page.getByTestId('current-speaker')).toHaveCount(0);
	}
	await expect(page.getByTestId('record-row')).toHaveCount(turns.length);
}

/** Opens a show-of-hands vote on the votes tab, enters the count, closes it; returns the vote id. */
export async function showOfHands(page: Page, motion: string, counts: { for: number; against: number; abstain: number }): Promise<string> {
	await page.getByTestId('tab-votes').click();
	await page.getByTestId('vote-new').click();
	await page.getByTestId('vote-motion-input').fill(motion);
	await page.getByTestId('vote-method-show_of_hands').check();
	await page.getByTestId('vote-open').click();
	const active = page.getByTestId('vote-active');
	await expect(active).toHaveAttribute('data-method', 'show_of_hands');
	const vote = (await active.getAttribute('data-vote'))!;
	await page.getByTestId('hands-for').fill(String(counts.for));
	await page.getByTestId('hands-against').fill(String(counts.against));
	await page.getByTestId('hands-abstain').fill(String(counts.abstain));
	await page.getByTestId('hands-save').click();
	await expect(page.getByTestId('hands-save')).toHaveCount(0);
	await page.getByTestId('vote-close').click();
	await page.getByRole('dialog').getByRole('button', { name: '结束表决' }).click();
	await expect(page.getByTestId('vote-active')).toHaveCount(0);
	await expect(page.locator(`[data-testid="vote-result"][data-vote="${vote}"]`)).toHaveAttribute('data-status', 'closed');
	return vote;
}

/** "2:30" for seconds, as the minutes print durations. */
export const mmss = (s: number): string => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
