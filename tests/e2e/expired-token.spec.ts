/**
 * An expired token asks for sign-in before the next sync and loses nothing recorded meanwhile.
 * The users collection's token lifetime is set to PocketBase's shortest (10 s) for this test.
 */
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, pullStream, signIn, syncNow, test } from './fixtures';

test('an expired token shows the sign-in banner; what was recorded meanwhile syncs after sign-in', async ({ page, pb }) => {
	test.setTimeout(120_000);
	const su = await pb.superuserToken();
	const set = await fetch(`${pb.url}/api/collections/users`, {
		method: 'PATCH',
		headers: { Authorization: su, 'Content-Type': 'application/json' },
		body: JSON.stringify({ authToken: { duration: 10 } })
	});
	expect(set.status).toBe(200);

	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '令牌过期也不丢记录');
	await syncNow(page);
	await expectAllSynced(page);
	await page.waitForTimeout(11_000); // the token has expired now
	await checkIn(page, kairongPeople[0]!);
	await page.getByTestId('sync-now').click();
	await expect(page.getByTestId('expired-banner')).toBeVisible();
	await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '1');

	await page.getByTestId('expired-banner').getByRole('link').click();
	await page.locator('input[name=email]').fill(demo.users.kairong);
	await page.locator('input[name=password]').fill(demo.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(`${pb.url}/`);
	await expect(page.getByTestId('expired-banner')).toHaveCount(0);
	await syncNow(page);
	await expectAllSynced(page);
	const server = await pullStream(pb.url, demo.users.kairong, stream);
	expect(server.filter((e) => e.type === 'attendance.checked_in').map((e) => e.payload.person)).toEqual([kairongPeople[0]]);
});
