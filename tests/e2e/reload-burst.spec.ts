/**
 * (c) A reload in the middle of a burst of taps: every check-in the screen acknowledged before
 * the reload is still there after it. (Tap → committed and shown is measured by the benchmark
 * `tap_commit_p95_ms` in tests/bench/app.bench.ts, not here: no timed tests.)
 */
import { demo } from '../support/demo';
import { createMeeting, expect, kairongPeople, signIn, test } from './fixtures';

test('nothing acknowledged is lost when the page reloads mid-burst', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	await createMeeting(page, '连续签到测试');
	await page.waitForTimeout(500);

	// The list of what the screen acknowledged survives the reload in sessionStorage (the evaluate
	// call itself may be cut off by the navigation it starts).
	await page
		.evaluate(async () => {
		const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="check-in"]')];
		for (const b of buttons) {
			b.click();
			await new Promise((r) => setTimeout(r, 3));
		}
		const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="person"][data-present="true"]')].map(
			(e) => e.dataset.person!
		);
		sessionStorage.setItem('acknowledged', JSON.stringify(shown));
		location.reload();
	})
		.catch((e: unknown) => {
			if (!String(e).includes('Execution context was destroyed')) throw e;
		});
	await expect(page.getByTestId('roster')).toBeVisible();
	const acknowledged = await page.evaluate(() => JSON.parse(sessionStorage.getItem('acknowledged') ?? '[]') as string[]);
	expect(acknowledged.length).toBeGreaterThan(0);
	for (const id of acknowledged) {
		await expect(page.locator(`[data-testid="person"][data-person="${id}"]`)).toHaveAttribute('data-present', 'true');
	}
	console.log(`burst: ${acknowledged.length} of ${kairongPeople.length} acknowledged before the reload, all kept`);
});
