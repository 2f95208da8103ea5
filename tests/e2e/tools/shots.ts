import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

const DIR = resolve(import.meta.dirname, '../screenshots');

/** Screenshots of the current page at 1280×800 and 800×1280 (tests/e2e/screenshots/, git-ignored). */
export async function shots(page: Page, name: string): Promise<void> {
	await mkdir(DIR, { recursive: true });
	const before = page.viewportSize();
	for (const s of [
		{ name: 'landscape', width: 1280, height: 800 },
		{ name: 'portrait', width: 800, height: 1280 }
	]) {
		await page.setViewportSize({ width: s.width, height: s.height });
		await page.screenshot({ path: `${DIR}/${name}.${s.name}.png` });
	}
	if (before) await page.setViewportSize(before);
}
