/** Screenshots of the votes tab (zh-CN, landscape and portrait) under tests/e2e/screenshots/. */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, kairongPeople, signIn, test } from './fixtures';

const DIR = resolve(import.meta.dirname, 'screenshots');

test('screenshots of the votes tab', async ({ page, pb }) => {
	await mkdir(DIR, { recursive: true });
	const shoot = async (screen: string) => {
		for (const s of [
			{ name: 'landscape', width: 1280, height: 800 },
			{ name: 'portrait', width: 800, height: 1280 }
		]) {
			await page.setViewportSize({ width: s.width, height: s.height });
			await page.waitForTimeout(150);
			await page.screenshot({ path: `${DIR}/${screen}.zh-CN.${s.name}.png` });
		}
		await page.setViewportSize({ width: 1280, height: 800 });
	};
	await signIn(page, pb.url, demo.users.kairong);
	await createMeeting(page, '凯荣小区电力设施改造协商会');
	for (const id of kairongPeople.slice(0, 11)) await checkIn(page, id);
	await page.getByTestId('tab-votes').click();
	await page.getByTestId('vote-new').click();
	await page.getByTestId('vote-motion-input').fill('楼道电力设施改造费用由物业管理和相关部门共同承担，每户出资数百元。');
	await shoot('vote-new');
	await page.getByTestId('vote-open').click();
	await page.getByTestId('hands-for').fill('10');
	await page.getByTestId('hands-against').fill('0');
	await page.getByTestId('hands-abstain').fill('1');
	await shoot('vote-hands');
	await page.getByTestId('hands-save').click();
	await page.getByTestId('vote-close').click();
	await page.getByRole('dialog').getByRole('button', { name: '结束表决' }).click();
	await expect(page.getByTestId('vote-active')).toHaveCount(0);
	await page.getByTestId('vote-result').first().scrollIntoViewIfNeeded();
	await shoot('vote-result');
	const stream = page.url().split('/meetings/')[1]!.split('/')[0]!;
	await page.goto(`${pb.url}/display/votes/${stream}`);
	await expect(page.getByTestId('vote-result')).toBeVisible();
	await shoot('vote-display');
	await page.goto(`${pb.url}/settings`);
	await page.getByTestId('locale-en').check();
	await page.goto(`${pb.url}/meetings/${stream}/votes`);
	await expect(page.getByTestId('vote-result')).toBeVisible();
	await shoot('vote-result-en');
	await page.goto(`${pb.url}/settings`);
	await page.getByTestId('locale-zh-CN').check();
	await page.goto(`${pb.url}/meetings/${stream}/votes`);

	await page.getByTestId('vote-new').click();
	await page.getByTestId('vote-motion-input').fill('逐一表决：是否同意施工期间夜间停电两小时。');
	await page.getByTestId('vote-method-roll_call').check();
	await page.getByTestId('vote-open').click();
	await page.locator('[data-testid="rollcall-person"]').nth(0).getByTestId('cast-for').click();
	await page.locator('[data-testid="rollcall-person"]').nth(1).getByTestId('cast-against').click();
	await page.locator('[data-testid="rollcall-person"]').nth(0).getByTestId('cast-abstain').click();
	await shoot('vote-rollcall');
	await page.getByTestId('vote-close').click();
	await page.getByRole('dialog').getByRole('button', { name: '结束表决' }).click();

	await page.getByTestId('vote-new').click();
	await page.getByTestId('vote-motion-input').fill('无记名投票：施工方案选择方案一。');
	await page.getByTestId('vote-method-secret_ballot').check();
	await page.getByTestId('vote-open').click();
	await page.getByTestId('secret-start').click();
	await shoot('vote-secret-pick');
	await page.getByTestId('secret-voter').first().click();
	await shoot('vote-secret-confirm');
	await page.getByTestId('secret-yes').click();
	await shoot('vote-secret-choose');
	await page.getByTestId('secret-choice-for').click();
	await shoot('vote-secret-done');
});
