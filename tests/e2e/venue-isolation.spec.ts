/**
 * (d) mod.linyuan never sees 凯荣小区's meetings: not online, and not from the tablet's cache in
 * the same browser profile after mod.kairong signed out.
 */
import { demo } from '../support/demo';
import { createMeeting, expect, expectAllSynced, signIn, syncNow, test } from './fixtures';

test('another venue’s meetings stay hidden on a shared tablet', async ({ page, context, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会');
	await syncNow(page);
	await expectAllSynced(page);
	await page.goto(`${pb.url}/settings`);
	await page.getByTestId('sign-out').click();
	await expect(page).toHaveURL(`${pb.url}/signin`);

	await page.locator('input[name=email]').fill(demo.users.linyuan);
	await page.locator('input[name=password]').fill(demo.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(`${pb.url}/`);
	await expect(page.getByTestId('venue')).toHaveText(/林原村协商议事室/);
	await syncNow(page);
	await expect(page.getByTestId('home-empty')).toBeVisible();
	await expect(page.getByText('凯荣小区电力设施改造协商会')).toHaveCount(0);
	await page.goto(`${pb.url}/meetings/${stream}`);
	await expect(page.getByTestId('not-found')).toBeVisible();

	// Offline, from the cache only.
	await context.setOffline(true);
	await page.goto(`${pb.url}/`);
	await expect(page.getByTestId('home-empty')).toBeVisible();
	await expect(page.getByText('凯荣小区')).toHaveCount(0);
	// The events are still on the tablet (nothing is deleted), just not shown to this user.
	const held = await page.evaluate(async (s) => {
		const app = (window as unknown as { __yishi: { store: { streamEvents(s: string): Promise<unknown[]> } } }).__yishi;
		return (await app.store.streamEvents(s)).length;
	}, stream);
	expect(held).toBeGreaterThan(0);
});
