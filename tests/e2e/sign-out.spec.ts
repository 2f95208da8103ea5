/**
 * Signing out with unsynced events warns first, says how many wait, and never deletes them:
 * after the next sign-in they reach the server.
 */
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, pullStream, signIn, syncNow, test } from './fixtures';

test('sign-out with events waiting warns, keeps them, and they sync after the next sign-in', async ({ page, context, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '签退前还有未同步的记录');
	await context.setOffline(true);
	await checkIn(page, kairongPeople[0]!);
	await checkIn(page, kairongPeople[1]!);
	const pendingInStore = () =>
		page.evaluate(async () => {
			const app = (window as unknown as { __yishi: { store: { pendingCount(): Promise<number> } } }).__yishi;
			return app.store.pendingCount();
		});
	const waiting = await pendingInStore();
	expect(waiting).toBeGreaterThanOrEqual(2); // the two check-ins, and whatever had not synced before
	await expect(page.getByTestId('pending')).toHaveAttribute('data-count', String(waiting));

	await page.goto(`${pb.url}/settings`);
	await page.getByTestId('sign-out').click();
	await expect(page.getByTestId('signout-pending')).toContainText(String(waiting));
	await page.locator('dialog[open] .dialog-actions button').last().click(); // sign out anyway
	await expect(page).toHaveURL(`${pb.url}/signin`);
	expect(await pendingInStore()).toBe(waiting); // nothing deleted

	await context.setOffline(false);
	await page.locator('input[name=email]').fill(demo.users.kairong);
	await page.locator('input[name=password]').fill(demo.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(`${pb.url}/`);
	await syncNow(page);
	await expectAllSynced(page);
	const server = await pullStream(pb.url, demo.users.kairong, stream);
	expect(server.filter((e) => e.type === 'attendance.checked_in').map((e) => e.payload.person)).toEqual(kairongPeople.slice(0, 2));
});
