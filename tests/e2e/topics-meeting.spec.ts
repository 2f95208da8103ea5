/**
 * Scenario 3's kind of topics at a venue with meetings: a topic not accepted keeps its reason (and
 * needs one); an accepted topic is scheduled into a meeting on the tablet and shows on that
 * meeting's topics tab.
 */
import { demo } from '../support/demo';
import { createMeeting, expect, signIn, test } from './fixtures';

test('screening out with a reason; scheduling into a meeting of the tablet', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const meeting = await createMeeting(page, '凯荣小区楼道治理协商会', { start: false });

	const newTopic = async (title: string) => {
		await page.getByTestId('nav-topics').click();
		await page.getByTestId('new-topic').click();
		await page.getByRole('radio', { name: '委员议题' }).check();
		await page.locator('input[name=title]').fill(title);
		await page.locator('input[name=submitter]').fill('巴特尔');
		await page.getByTestId('save-topic').click();
		await expect(page.getByTestId('topic-title')).toHaveText(title);
	};

	await newTopic('小区里打麻将扰民要不要罚款');
	await page.getByTestId('screen-reject').click();
	await expect(page.getByTestId('topic-error')).toHaveText('请把必填的内容填写完整。');
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'submitted');
	await page.getByText('违反法律法规的事').click();
	await page.locator('textarea[name=reject-reason]').fill('罚款不属于居民协商的范围，请向派出所反映。');
	await page.getByTestId('screen-reject').click();
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'not_accepted');
	await expect(page.getByTestId('screen-reason')).toContainText('请向派出所反映');

	await newTopic('楼道杂物清理');
	await page.getByTestId('screen-accept').click();
	await page.getByRole('radio', { name: '凯荣小区楼道治理协商会' }).check();
	await page.getByTestId('schedule-save').click();
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'scheduled');

	await page.goto(`${pb.url}/meetings/${meeting}`);
	await page.getByTestId('tab-topics').click();
	await expect(page.getByTestId('meeting-topic')).toHaveCount(1);
	await expect(page.getByTestId('meeting-topic')).toContainText('楼道杂物清理');

	await page.getByTestId('nav-topics').click();
	await expect(page.getByTestId('topic')).toHaveCount(1); // open ones
	await page.getByRole('button', { name: '已办结' }).click();
	await expect(page.getByTestId('topic')).toHaveAttribute('data-status', 'not_accepted'); // screened out: done
	await page.getByRole('button', { name: '全部' }).click();
	await expect(page.getByTestId('topic')).toHaveCount(2);
});

test("a township office adds to its checklist; the village screens with it, offline", async ({ browser, pb }) => {
	const office = await browser.newContext();
	const o = await office.newPage();
	await signIn(o, pb.url, demo.users.officeAlbas);
	await o.getByTestId('nav-topics').click();
	await o.getByTestId('checklist-link').click();
	await expect(o.getByTestId('checklist-region')).toHaveValue(demo.regions.albas);
	await expect(o.getByTestId('checklist-applies')).toHaveCount(10); // the banner's
	await o.getByTestId('checklist-add').click();
	await expect(o.getByTestId('checklist-error')).toHaveText('请写下条目内容。');
	await o.locator('select[name=kind]').selectOption('consult');
	await o.locator('input[name=rule-text]').fill('草原生态保护和草场流转中的群众诉求');
	await o.getByTestId('checklist-add').click();
	await expect(o.getByTestId('checklist-rule')).toHaveCount(1);
	await expect(o.getByTestId('checklist-applies')).toHaveCount(11);
	await office.close();

	const village = await browser.newContext();
	const v = await village.newPage();
	await signIn(v, pb.url, demo.users.wulantuke);
	await village.setOffline(true);
	await v.getByTestId('nav-topics').click();
	await v.getByTestId('new-topic').click();
	await v.locator('input[name=title]').fill('草场围栏破损');
	await v.locator('input[name=submitter]').fill('朝鲁');
	await v.getByTestId('save-topic').click();
	await expect(v.getByTestId('rule')).toHaveCount(11);
	await expect(v.getByText('草原生态保护和草场流转中的群众诉求')).toBeVisible();
	await village.close();
});
