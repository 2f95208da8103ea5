/**
 * What the browser benchmarks share: Debian's Chromium with the flags it needs as root, a tablet
 * profile (1280×800, zh-CN, service workers on), the moderator's sign-in, and the output line.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { demo } from '../support/demo';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** One figure, as `npm run bench` prints it. */
export const print = (name: string, value: number, unit: string) => console.log(`bench ${name} ${value} ${unit}`);

/** A tablet-sized Chromium with its own profile folder. */
export function launchTablet(userDataDir: string, options: { timezoneId?: string } = {}): Promise<BrowserContext> {
	return chromium.launchPersistentContext(userDataDir, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		viewport: { width: 1280, height: 800 },
		locale: 'zh-CN',
		serviceWorkers: 'allow',
		...options
	});
}

/** Signs in on the sign-in page and waits for the home page. */
export async function signInTablet(page: Page, url: string, email = demo.users.kairong): Promise<void> {
	await page.goto(`${url}/signin`);
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill(demo.password);
	await page.locator('[data-testid=signin-form] button[type=submit]').click();
	await page.waitForURL(`${url}/`);
}
