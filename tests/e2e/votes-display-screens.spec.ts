/** Screenshots of the signed secret ballot and the one room display (zh-CN, landscape and portrait). */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, kairongPeople, signIn, test } from './fixtures';

const DIR = resolve(import.meta.dirname, 'screenshots');

test('screenshots of the signed secret ballot and the room display', async ({ page, pb }) => {
	await mkdir(DIR, { recursive: true });
	const shoot = async (p: typeof page, screen: string) => {
		for (const s of [
			{ name: 'landscape', width: 1280, height: 800 },
			{ name: 'portrait', width: 800, height: 1280 }
		]) {
			await p.setViewportSize({ width: s.width, height: s.height });
			await p.waitForTimeout(150);
			await p.screenshot({ path: `${DIR}/${screen}.zh-CN.${s.name}.png` });
		}
		await p.setViewportSize({ width: 1280, height: 800 });
	};
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会');
	for (const id of kairongPeople.slice(0, 5)) await checkIn(page, id);
	const display = await page.context().newPage();
	await display.goto(`${pb.url}/display/${stream}`);
	await page.bringToFront();
	await page.getByTestId('tab-votes').click();
	await page.getByTestId('vote-new').click();
	await page.getByTestId('vote-motion-input').fill('楼道电力设施改造费用由物业管理和相关部门共同承担，每户出资数百元。');
	await page.getByTestId('vote-method-secret_ballot').check();
	await page.getByTestId('vote-voters-sign').check();
	await page.getByTestId('vote-voters-sign').scrollIntoViewIfNeeded();
	await shoot(page, 'vote-signed-new');
	await page.getByTestId('vote-open').click();
	await page.getByTestId('secret-start').click();
	const booth = page.getByTestId('secret-booth');
	await booth.locator('[data-testid="secret-voter"]').first().click();
	await booth.getByTestId('secret-yes').click();
	await booth.getByTestId('secret-signed').click();
	await expect(booth.getByTestId('secret-sign-problem')).toBeVisible();
	await shoot(page, 'vote-signed-sign');
	await shoot(display, 'display-vote-open');
	await booth.getByTestId('secret-not-me').click();
	await booth.getByTestId('secret-finish').click();
	await page.getByTestId('vote-close').click();
	await page.getByRole('dialog').getByRole('button', { name: '结束表决' }).click();
	await expect(display.getByTestId('display-vote-result')).toBeVisible();
	await shoot(display, 'display-vote-result');
});
