/**
 * Screenshots of every screen in zh-CN and en, landscape 1280×800 and portrait 800×1280, saved
 * under tests/e2e/screenshots/ (git-ignored) for a human to look at.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, kairongPeople, signIn, test } from './fixtures';

const DIR = resolve(import.meta.dirname, 'screenshots');
const sizes = [
	{ name: 'landscape', width: 1280, height: 800 },
	{ name: 'portrait', width: 800, height: 1280 }
];

test('screenshots of every screen', async ({ page, pb }) => {
	await mkdir(DIR, { recursive: true });
	const shoot = async (screen: string, locale: string) => {
		for (const s of sizes) {
			await page.setViewportSize({ width: s.width, height: s.height });
			await page.waitForTimeout(150);
			await page.screenshot({ path: `${DIR}/${screen}.${locale}.${s.name}.png` });
		}
		await page.setViewportSize({ width: 1280, height: 800 });
	};

	await page.goto(`${pb.url}/signin`);
	await expect(page.getByTestId('signin-form')).toBeVisible();
	await shoot('signin', 'zh-CN');

	await signIn(page, pb.url, demo.users.kairong);
	await expect(page.getByTestId('home-empty')).toBeVisible();
	await shoot('home-empty', 'zh-CN');

	await page.getByTestId('new-meeting').click();
	await page.locator('input[name=title]').fill('凯荣小区电力设施改造协商会');
	await shoot('new-meeting', 'zh-CN');
	await page.goto(`${pb.url}/`);

	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会', { quorum: 10 });
	for (const id of kairongPeople.slice(0, 6)) await checkIn(page, id);
	await shoot('live-meeting', 'zh-CN');
	await page.goto(`${pb.url}/`);
	await expect(page.getByTestId('meeting')).toHaveCount(1);
	await shoot('home', 'zh-CN');
	await page.goto(`${pb.url}/settings`);
	await shoot('settings', 'zh-CN');

	await page.getByTestId('locale-en').check();
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
	await shoot('settings', 'en');
	await page.goto(`${pb.url}/`);
	await expect(page.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible();
	await shoot('home', 'en');
	await page.goto(`${pb.url}/meetings/new`);
	await shoot('new-meeting', 'en');
	await page.goto(`${pb.url}/meetings/${stream}`);
	await expect(page.getByTestId('roster')).toBeVisible();
	await shoot('live-meeting', 'en');
	await page.getByTestId('walk-in').click();
	await shoot('walk-in', 'en');
	await page.keyboard.press('Escape');
	await page.getByTestId('sign-out').count();
	await page.goto(`${pb.url}/settings`);
	await page.getByTestId('sign-out').click();
	await expect(page).toHaveURL(`${pb.url}/signin`);
	await shoot('signin', 'en');
});
