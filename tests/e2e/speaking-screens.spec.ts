/**
 * Screenshots of the speaking tab and the room display (zh-CN and en, landscape and portrait),
 * saved under tests/e2e/screenshots/ (git-ignored) for a human to look at.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, kairongPeople, signIn, test } from './fixtures';

const DIR = resolve(import.meta.dirname, 'screenshots');
const sizes = [
	{ name: 'landscape', width: 1280, height: 800 },
	{ name: 'portrait', width: 800, height: 1280 }
];

async function shoot(page: Page, screen: string, locale: string, fullPage = false): Promise<void> {
	for (const s of sizes) {
		await page.setViewportSize({ width: s.width, height: s.height });
		await page.waitForTimeout(150);
		await page.screenshot({ path: `${DIR}/${screen}.${locale}.${s.name}.png`, fullPage });
	}
	await page.setViewportSize({ width: 1280, height: 800 });
}

test('screenshots of the speaking tab and the room display', async ({ page, pb }) => {
	await mkdir(DIR, { recursive: true });
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会');
	for (const id of kairongPeople) await checkIn(page, id);
	await page.getByTestId('tab-speaking').click();
	await shoot(page, 'speaking-empty', 'zh-CN');
	await page.getByTestId('speak-settings').click();
	const dialog = page.getByTestId('settings-dialog');
	await dialog.locator(`[data-testid=assign][data-person="${kairongPeople[0]}"] label.choice`).nth(1).click();
	await dialog.locator(`[data-testid=assign][data-person="${kairongPeople[1]}"] label.choice`).nth(2).click();
	await dialog.locator('label.choice.eq').click();
	await dialog.getByTestId('settings-save').click();
	await expect(page.getByTestId('side')).toHaveCount(2);
	for (const id of kairongPeople) await page.locator(`[data-testid=add-speaker][data-person="${id}"]`).click();
	await expect(page.getByTestId('queue-row')).toHaveCount(kairongPeople.length);
	await page.getByTestId('start-next').click();
	await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + 100_000);
	await page.getByTestId('end-turn').click();
	await page.getByTestId('start-next').click();
	await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + 160_000);
	await page.getByTestId('note').fill('同意分摊，希望物业公开明细');
	await expect(page.getByTestId('countdown')).toHaveAttribute('data-phase', 'warning');
	await shoot(page, 'speaking', 'zh-CN');
	await shoot(page, 'speaking-full', 'zh-CN', true);
	await page.getByTestId('speak-settings').click();
	await shoot(page, 'speaking-settings', 'zh-CN');
	await page.keyboard.press('Escape');
	await page.goto(`${pb.url}/display/${stream}`);
	await expect(page.getByTestId('display-speaker')).toBeVisible();
	await shoot(page, 'display', 'zh-CN');
	await page.evaluate(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	await page.goto(`${pb.url}/settings`);
	await page.getByTestId('locale-en').check();
	await page.goto(`${pb.url}/meetings/${stream}/speaking`);
	await expect(page.getByTestId('current-speaker')).toBeVisible();
	await shoot(page, 'speaking', 'en');
	await page.goto(`${pb.url}/display/${stream}`);
	await expect(page.getByTestId('display-speaker')).toBeVisible();
	await shoot(page, 'display', 'en');
});
