/**
 * (b) Two tablets of one venue check people in offline; after both sync, both show the same
 * roster, and a person checked in on both counts once.
 */
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, expectAllSynced, kairongPeople, person, signIn, syncNow, test } from './fixtures';

test('two tablets merge their check-ins', async ({ browser, pb }) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pa = await a.newPage();
	const pbPage = await b.newPage();
	await signIn(pa, pb.url, demo.users.kairong);
	await signIn(pbPage, pb.url, demo.users.kairong);

	const stream = await createMeeting(pa, '两台平板协商会');
	await syncNow(pa);
	await expectAllSynced(pa);
	await syncNow(pbPage);
	await pbPage.goto(`${pb.url}/meetings/${stream}`);
	await expect(pbPage.getByTestId('meeting-title')).toHaveText('两台平板协商会');

	await a.setOffline(true);
	await b.setOffline(true);
	for (const id of kairongPeople.slice(0, 5)) await checkIn(pa, id);
	for (const id of kairongPeople.slice(4, 8)) await checkIn(pbPage, id);
	await expect(pa.getByTestId('present-count')).toHaveText('5');
	await expect(pbPage.getByTestId('present-count')).toHaveText('4');

	await a.setOffline(false);
	await b.setOffline(false);
	await syncNow(pa);
	await syncNow(pbPage);
	await syncNow(pa);
	await expectAllSynced(pa);
	await expectAllSynced(pbPage);

	for (const p of [pa, pbPage]) {
		await expect(p.getByTestId('present-count')).toHaveText('8');
		for (const id of kairongPeople.slice(0, 8)) await expect(person(p, id)).toHaveAttribute('data-present', 'true');
		for (const id of kairongPeople.slice(8)) await expect(person(p, id)).toHaveAttribute('data-present', 'false');
	}
	await a.close();
	await b.close();
});
