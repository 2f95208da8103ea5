/**
 * Fixtures: a fresh PocketBase (demo data, the built app as its public folder) per test, and
 * helpers that drive the tablet app the way a moderator does.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { demo } from '../support/demo';
import { startPocketBase, userToken, type PocketBaseHandle } from '../support/pocketbase';

export { expect };

export const test = base.extend<{ pb: PocketBaseHandle }>({
	// eslint-disable-next-line no-empty-pattern
	pb: async ({}, use) => {
		const pb = await startPocketBase({ publicDir: resolve(import.meta.dirname, '../../build') });
		await use(pb);
		await pb.stop();
	}
});

/** Opens the app, signs in, and waits until the service worker controls the page (offline-ready). */
export async function signIn(page: Page, url: string, email: string): Promise<void> {
	await page.addInitScript(() => localStorage.setItem('yishi.debug', '1'));
	await page.goto(`${url}/signin`);
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill(demo.password);
	await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
	await expect(page).toHaveURL(`${url}/`);
	await waitForServiceWorker(page);
}

export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
		await page.reload();
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	}
}

/** Creates a meeting from the home page and returns its stream id (the page shows it). */
export async function createMeeting(page: Page, title: string, opts: { quorum?: number; start?: boolean } = {}): Promise<string> {
	await page.getByTestId('new-meeting').click();
	await page.locator('input[name=title]').fill(title);
	await page.locator('textarea[name=description]').fill('楼道电力设施老化，商量改造费用怎么分担。');
	await page.locator('input[name=place]').fill('3号楼院内');
	if (opts.quorum) await page.locator('input[name=quorum]').fill(String(opts.quorum));
	await page.getByTestId('create-meeting').click();
	await expect(page.getByTestId('meeting-title')).toHaveText(title);
	const stream = page.url().split('/meetings/')[1]!;
	if (opts.start !== false) {
		await page.getByTestId('start-meeting').click();
		await expect(page.getByTestId('meeting-status')).toHaveAttribute('data-status', 'live');
	}
	return stream;
}

export function person(page: Page, id: string) {
	return page.locator(`[data-testid="person"][data-person="${id}"]`);
}

export async function checkIn(page: Page, id: string): Promise<void> {
	await person(page, id).getByTestId('check-in').click();
	await expect(person(page, id)).toHaveAttribute('data-present', 'true');
}

export async function syncNow(page: Page): Promise<void> {
	await page.getByTestId('sync-now').click();
	await expect(page.getByTestId('sync-message')).toBeVisible();
}

export async function expectAllSynced(page: Page): Promise<void> {
	await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
}

/** Takes the tablet off the network. */
export async function offline(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
}

/** The events of one stream on the server, read through the pull API as a user. */
export async function pullStream(url: string, email: string, stream: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
	const token = await userToken(url, email, demo.password);
	const out: { type: string; payload: Record<string, unknown> }[] = [];
	let after = '';
	for (;;) {
		const res = await fetch(`${url}/api/sync/pull?after=${encodeURIComponent(after)}&limit=1000&stream=${stream}`, {
			headers: { Authorization: token }
		});
		if (!res.ok) throw new Error(`pull failed: ${res.status} ${await res.text()}`);
		const page = (await res.json()) as { events: { type: string; payload: Record<string, unknown> }[]; cursor: string; more: boolean };
		out.push(...page.events);
		after = page.cursor;
		if (!page.more) return out;
	}
}

export const kairongPeople = Array.from({ length: demo.peopleCount.kairong }, (_, i) =>
	`pplkairong${String(i + 1).padStart(5, '0')}`
);
