/**
 * Screenshots of the members' home screens (setup, kiosk, signing, cards, duty record), landscape
 * 1280×800 and portrait 800×1280, under tests/e2e/screenshots/ (git-ignored) for a human to look at.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { demo } from '../support/demo';
import { expect, signIn, test } from './fixtures';

const DIR = resolve(import.meta.dirname, 'screenshots');
const sizes = [
	{ name: 'landscape', width: 1280, height: 800 },
	{ name: 'portrait', width: 800, height: 1280 }
];

async function sign(page: Page) {
	const box = (await page.getByTestId('signature-pad').boundingBox())!;
	for (const [x0, y0, x1, y1] of [
		[0.15, 0.35, 0.3, 0.4],
		[0.22, 0.2, 0.24, 0.7],
		[0.4, 0.3, 0.55, 0.65]
	]) {
		await page.mouse.move(box.x + box.width * x0!, box.y + box.height * y0!);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * x1!, box.y + box.height * y1!, { steps: 8 });
		await page.mouse.up();
	}
}

test('screenshots of the members home screens', async ({ page, pb }) => {
	await mkdir(DIR, { recursive: true });
	const shoot = async (screen: string) => {
		for (const s of sizes) {
			await page.setViewportSize({ width: s.width, height: s.height });
			await page.waitForTimeout(150);
			await page.screenshot({ path: `${DIR}/kiosk-${screen}.zh-CN.${s.name}.png` });
		}
		await page.setViewportSize({ width: 1280, height: 800 });
	};
	await signIn(page, pb.url, demo.users.zhujiang);
	await page.getByTestId('nav-kiosk').click();
	await expect(page.getByTestId('kiosk-day')).toHaveAttribute('data-open', 'false');
	await page.locator('[data-testid="on-duty-choice"][data-person="pplzhujiang0001"]').click();
	await page.locator('[data-testid="on-duty-choice"][data-person="pplzhujiang0002"]').click();
	await shoot('setup');
	await page.getByTestId('kiosk-open-day').click();
	await page.locator('input[name=pin]').fill('2468');
	await page.locator('input[name=pin2]').fill('2468');
	await page.getByTestId('kiosk-pin-save').click();
	await page.getByTestId('kiosk-cards-link').click();
	await page.locator('[data-testid="cards-issue"][data-person="pplzhujiang0001"]').click();
	await page.locator('[data-testid="cards-issue"][data-person="pplzhujiang0003"]').click();
	await expect(page.getByTestId('print-card')).toHaveCount(2);
	await shoot('cards');
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: `${DIR}/kiosk-cards-print.zh-CN.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });
	await page.goto(`${pb.url}/kiosk/setup`);
	await page.getByTestId('kiosk-enter').click();
	await page.locator('[data-testid="kiosk-member"][data-person="pplzhujiang0001"]').getByTestId('kiosk-name').click();
	await sign(page);
	await shoot('sign');
	await page.getByTestId('kiosk-sign-ok').click();
	await expect(page.getByTestId('kiosk-message')).toBeVisible();
	await shoot('kiosk');
	await page.locator('[data-testid="kiosk-member"][data-person="pplzhujiang0001"]').getByTestId('kiosk-name').click();
	await shoot('kiosk-already-in');
	await page.getByTestId('kiosk-note-visit').click();
	await page.getByTestId('kiosk-visit-request').fill('楼道里堆满杂物，希望社区组织清理');
	await shoot('visit');
	await page.getByTestId('kiosk-visit-save').click();
	await page.getByTestId('kiosk-leave').click();
	await page.getByTestId('kiosk-pin').fill('2468');
	await page.getByTestId('kiosk-leave-ok').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);
	await expect(page.getByTestId('setup-in-now').getByTestId('signature-view')).toHaveCount(1);
	await shoot('setup-open');
	// A mistaken check-in is revoked from the setup page; both stay on record.
	await page.getByTestId('setup-revoke').click();
	await page.getByRole('button', { name: '撤销签到' }).last().click();
	await expect(page.getByTestId('setup-in-now')).toHaveCount(0);
	await expect(page.getByText('在岗 0 人')).toBeVisible();
	await page.goto(`${pb.url}/duty`);
	await expect(page.getByTestId('duty-table')).toBeVisible();
	await shoot('duty');

	// English
	await page.goto(`${pb.url}/settings`);
	await page.getByTestId('locale-en').check();
	await page.goto(`${pb.url}/kiosk/setup`);
	await page.getByTestId('kiosk-enter').click();
	await expect(page.getByTestId('kiosk-member')).toHaveCount(3);
	for (const s of sizes) {
		await page.setViewportSize({ width: s.width, height: s.height });
		await page.waitForTimeout(150);
		await page.screenshot({ path: `${DIR}/kiosk-kiosk.en.${s.name}.png` });
	}
});
