/**
 * Tablet app benchmarks (issue: the tablet app), in Debian's Chromium against the built app
 * served by a real PocketBase. Prints `bench <name> <value> <unit>` lines.
 * - shell_gzip_kb: JS + CSS the first load of the app fetches, gzip-compressed.
 * - cold_start_offline_ms: browser started afresh, network off and server stopped, CPU throttled
 *   4× (CDP Emulation.setCPUThrottlingRate): navigation start until the meetings list is rendered,
 *   from the service worker. Median of 5.
 * - tap_commit_p50_ms / tap_commit_p95_ms: in a meeting already holding 2,000 events, from the tap
 *   on "check in" until the person shows as present (the app shows it only after IndexedDB
 *   committed the event), over 200 taps.
 */
import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { push, signIn as apiSignIn } from '../support/http';
import { startPocketBase, type PocketBaseHandle } from '../support/pocketbase';
import { launchTablet, print, signInTablet } from './browser';
import { realisticEvents } from './realistic';

const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** Signs in and waits until the service worker controls the page (offline-ready). */
async function signIn(page: Page, url: string): Promise<void> {
	await signInTablet(page, url);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

async function shellGzip(url: string): Promise<number> {
	const dir = await mkdtemp(join(tmpdir(), 'yishi-bench-'));
	const context = await launchTablet(dir);
	let bytes = 0;
	const page = await context.newPage();
	const pending: Promise<void>[] = [];
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if (type === 'script' || type === 'stylesheet') {
			pending.push(response.body().then((body) => void (bytes += gzipSync(body, { level: 9 }).length)).catch(() => {}));
		}
	});
	await page.goto(`${url}/signin`, { waitUntil: 'networkidle' });
	await Promise.all(pending);
	await context.close();
	await rm(dir, { recursive: true, force: true });
	return bytes / 1024;
}

/** Records when the meetings list first appears, from the start of navigation. */
const LIST_PROBE = () => {
	const observer = new MutationObserver(() => {
		if (document.querySelector('[data-testid=meeting]')) {
			(window as unknown as { __listShownAt?: number }).__listShownAt = performance.now();
			observer.disconnect();
		}
	});
	observer.observe(document, { childList: true, subtree: true });
};

async function coldStarts(pb: PocketBaseHandle): Promise<number[]> {
	const dir = await mkdtemp(join(tmpdir(), 'yishi-bench-'));
	let context = await launchTablet(dir);
	await signIn(context.pages()[0] ?? (await context.newPage()), pb.url);
	await context.pages()[0]!.waitForSelector('[data-testid=meeting]');
	await context.close();
	await pb.kill('SIGTERM');
	const times: number[] = [];
	for (let i = 0; i < 5; i++) {
		context = await launchTablet(dir);
		await context.addInitScript(LIST_PROBE);
		await context.setOffline(true);
		const page = context.pages()[0] ?? (await context.newPage());
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await page.goto(`${pb.url}/`);
		await page.waitForSelector('[data-testid=meeting]', { timeout: 60_000 });
		const entry = await page.evaluate(() => {
			const node = document.querySelector('[data-testid=meeting]');
			return node ? (window as unknown as { __listShownAt?: number }).__listShownAt ?? performance.now() : -1;
		});
		times.push(entry);
		await context.close();
	}
	await rm(dir, { recursive: true, force: true });
	await pb.restart();
	return times;
}

async function taps(pb: PocketBaseHandle, stream: string): Promise<number[]> {
	const dir = await mkdtemp(join(tmpdir(), 'yishi-bench-'));
	const context = await launchTablet(dir);
	const page = context.pages()[0] ?? (await context.newPage());
	await signIn(page, pb.url);
	await page.goto(`${pb.url}/meetings/${stream}`);
	await page.waitForFunction((n) => Number(document.querySelector('[data-testid=event-count]')?.getAttribute('data-count') ?? document.querySelector('[data-testid=event-count]')?.textContent?.replace(/\D/g, '') ?? 0) >= n, 2000, { timeout: 60_000 });
	await page.evaluate(() => {
		const w = window as unknown as { __tapAt: number; __taps: number[] };
		w.__taps = [];
		document.addEventListener('click', (e) => {
			if ((e.target as Element).closest('[data-testid=check-in]')) w.__tapAt = performance.now();
		}, true);
		new MutationObserver((records) => {
			for (const r of records) {
				if (r.attributeName === 'data-present' && (r.target as Element).getAttribute('data-present') === 'true' && w.__tapAt) {
					w.__taps.push(performance.now() - w.__tapAt);
					w.__tapAt = 0;
				}
			}
		}).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-present'] });
	});
	let done = 0;
	while (done < 200) {
		const absent = page.locator('[data-testid=person][data-present=false] [data-testid=check-in]');
		if ((await absent.count()) === 0) {
			// Everyone is in: revoke them all (not measured) and go on.
			while ((await page.locator('[data-testid=person][data-present=true] [data-testid=revoke]').count()) > 0) {
				await page.locator('[data-testid=person][data-present=true] [data-testid=revoke]').first().click();
				await page.locator('dialog[open] .dialog-actions button').last().click();
				await page.waitForSelector('dialog[open]', { state: 'detached' }).catch(() => {});
				await page.waitForFunction(() => !document.querySelector('dialog[open]'));
			}
			continue;
		}
		const before = await page.evaluate(() => (window as unknown as { __taps: number[] }).__taps.length);
		await absent.first().click();
		await page.waitForFunction((n) => (window as unknown as { __taps: number[] }).__taps.length > n, before);
		done++;
	}
	const result = await page.evaluate(() => (window as unknown as { __taps: number[] }).__taps);
	await context.close();
	await rm(dir, { recursive: true, force: true });
	return result;
}

async function main() {
	const pb = await startPocketBase({ publicDir: resolve(import.meta.dirname ?? '.', '../../build') });
	try {
		const token = await apiSignIn(pb.url, 'kairong');
		const events = realisticEvents(2000, 'tab-bench-app', true);
		for (let i = 0; i < events.length; i += 500) await push(pb.url, token, 'tab-bench-app', events.slice(i, i + 500));
		const stream = events[0]!.stream;

		print('shell_gzip_kb', round(await shellGzip(pb.url)), 'KiB');
		const tapTimes = await taps(pb, stream);
		print('tap_commit_p50_ms', round(quantile(tapTimes, 0.5)), 'ms');
		print('tap_commit_p95_ms', round(quantile(tapTimes, 0.95)), 'ms');
		const cold = await coldStarts(pb);
		print('cold_start_offline_ms', Math.round(quantile(cold, 0.5)), 'ms');
	} finally {
		await pb.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
