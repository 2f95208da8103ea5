/**
 * Kiosk mode is a state of the tablet: once the kiosk screen is open, a reload or a typed URL
 * lands back on it; a wrong PIN keeps it; the right PIN releases the tablet (also after a reload).
 */
import { demo } from '../support/demo';
import { expect, signIn, test } from './fixtures';

const PIN = '2468';

test('kiosk mode survives a reload and a typed URL until the right PIN', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.zhujiang);
	await page.getByTestId('nav-kiosk').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);
	await page.locator('[data-testid="on-duty-choice"][data-person="pplzhujiang0001"]').click();
	await page.getByTestId('kiosk-open-day').click();
	await page.locator('input[name=pin]').fill(PIN);
	await page.locator('input[name=pin2]').fill(PIN);
	await page.getByTestId('kiosk-pin-save').click();
	await expect(page.getByTestId('kiosk-pin-state')).toHaveAttribute('data-set', 'true');
	await page.getByTestId('kiosk-enter').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk`);
	await expect(page.getByTestId('kiosk-member')).toHaveCount(3);

	// A reload stays in kiosk mode.
	await page.reload();
	await expect(page).toHaveURL(`${pb.url}/kiosk`);
	await expect(page.getByTestId('kiosk-member')).toHaveCount(3);

	// Typed URLs (home, settings, the setup page, a public page) all lead back to the kiosk.
	for (const path of ['/', '/settings', '/kiosk/setup', '/verify']) {
		await page.goto(`${pb.url}${path}`);
		await expect(page).toHaveURL(`${pb.url}/kiosk`);
		await expect(page.getByTestId('kiosk-member')).toHaveCount(3);
		await expect(page.getByTestId('status-bar')).toHaveCount(0);
	}

	// The wrong PIN keeps it, also across a reload.
	await page.getByTestId('kiosk-leave').click();
	await page.getByTestId('kiosk-pin').fill('0000');
	await page.getByTestId('kiosk-leave-ok').click();
	await expect(page.getByTestId('kiosk-pin-wrong')).toBeVisible();
	await page.reload();
	await page.goto(`${pb.url}/`);
	await expect(page).toHaveURL(`${pb.url}/kiosk`);

	// The right PIN releases the tablet: the setup page, then home, stay where they are after a reload.
	await page.getByTestId('kiosk-leave').click();
	await page.getByTestId('kiosk-pin').fill(PIN);
	await page.getByTestId('kiosk-leave-ok').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);
	await page.reload();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);
	await page.goto(`${pb.url}/`);
	await expect(page).toHaveURL(`${pb.url}/`);
	await expect(page.getByTestId('status-bar')).toBeVisible();
});
