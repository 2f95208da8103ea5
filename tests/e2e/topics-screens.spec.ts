/**
 * Screenshots of the topic screens (zh-CN, landscape and portrait) under tests/e2e/screenshots/
 * (git-ignored), for a human to look at. Office staff of 阿尔巴斯苏木 do every step here.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chinaDay } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { expect, signIn, test } from './fixtures';

const DIR = resolve(import.meta.dirname, 'screenshots');
const sizes = [
	{ name: 'landscape', width: 1280, height: 800 },
	{ name: 'portrait', width: 800, height: 1280 }
];

test('screenshots of the topic screens', async ({ page, pb }) => {
	await mkdir(DIR, { recursive: true });
	const shoot = async (screen: string) => {
		for (const s of sizes) {
			await page.setViewportSize({ width: s.width, height: s.height });
			await page.waitForTimeout(150);
			await page.screenshot({ path: `${DIR}/${screen}.zh-CN.${s.name}.png`, fullPage: true });
		}
		await page.setViewportSize({ width: 1280, height: 800 });
	};
	const day = (n: number) => chinaDay(Date.now() + n * 86_400_000);
	const jpeg = async (fill: string) =>
		Buffer.from(
			await page.evaluate((colour) => {
				const c = document.createElement('canvas');
				c.width = 2000;
				c.height = 1500;
				const g = c.getContext('2d')!;
				g.fillStyle = '#9b8';
				g.fillRect(0, 0, 2000, 1500);
				g.fillStyle = colour;
				g.fillRect(300, 300, 1200, 800);
				return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
			}, fill),
			'base64'
		);

	await signIn(page, pb.url, demo.users.officeAlbas);
	await page.getByTestId('nav-topics').click();
	await page.getByTestId('new-topic').click();
	await page.locator('input[name=title]').fill('草场流转纠纷');
	await page.locator('input[name=submitter]').fill('敖其尔');
	await page.getByRole('radio', { name: '乌兰图克嘎查协商议事室' }).check(); // the office reaches two venues
	await shoot('topic-new');
	await page.getByTestId('save-topic').click();
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'submitted');
	await page.getByTestId('topic-photo-input').setInputFiles({ name: 'pasture.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#c84') });
	await expect(page.getByTestId('topic-photo')).toHaveCount(1);
	await page.getByText('邻里之间、群众之间的矛盾纠纷').click();
	await shoot('topic-screening');
	await page.getByTestId('screen-accept').click();
	await page.locator('input[name=meeting-title]').fill('阿尔巴斯苏木草场流转协商会');
	await page.getByTestId('schedule-save').click();
	await page.locator('textarea[name=outcome]').fill('原合同续签三年，租金每亩每年上调5元。');
	await page.getByTestId('outcome-save').click();
	await page.locator('textarea[name=notice]').fill('经协商达成以下共识，现予公示。');
	await page.getByTestId('notice-save').click();
	await page.locator('input[name=objection]').fill('租金上调幅度太小');
	await page.getByTestId('objection-save').click();
	await shoot('topic-notice');
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: `${DIR}/topic-notice-print.zh-CN.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });
	await page.locator('input[name=answer]').fill('参照市场价评估，维持结果');
	await page.getByTestId('answer-save').click();
	await page.locator('input[name=unit]').fill('阿尔巴斯苏木人民政府');
	await page.getByTestId('handover-save').click();
	await page.locator('input[name=task-title]').fill('重新签订流转合同');
	await page.locator('input[name=task-owner]').fill('斯琴');
	await page.locator('input[name=task-due]').fill(day(-2));
	await page.getByTestId('task-save').click();
	await page.locator('input[name=percent]').fill('40');
	await page.locator('input[name=progress-note]').fill('合同草稿已拟好');
	await page.getByTestId('progress-photo-input').setInputFiles({ name: 'draft.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#36c') });
	await page.getByTestId('progress-save').click();
	await expect(page.getByTestId('task').getByTestId('topic-photo')).toHaveCount(1);
	await page.locator('input[name=percent]').fill('60');
	await page.getByTestId('progress-photo-input').setInputFiles({ name: 'draft2.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#a3a') });
	await expect(page.getByTestId('task')).toHaveAttribute('data-overdue', 'true');
	await shoot('topic-implementing');
	await page.getByTestId('nav-topics').click();
	await expect(page.getByTestId('topic')).toHaveCount(1);
	await shoot('topic-list');
	await page.getByTestId('nav-dashboard').click();
	await expect(page.getByTestId('overdue-row')).toHaveCount(1);
	await shoot('topic-dashboard');
});
