// Draws the app icons (a seal-like 议 in Chinese red on paper) and renders them to PNG with
// Debian's Chromium. Run: node tests/e2e/tools/make-icons.mjs   (writes static/icons/*.png, static/favicon.png)
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';

const RED = '#a8281e';
const PAPER = '#fbf8f1';
const FONT = "'Noto Serif CJK SC','Noto Sans CJK SC',serif";

/** The seal: a rounded red square, a thin inner paper line, the character in paper colour. */
function seal(size, { maskable = false } = {}) {
	const pad = maskable ? 0 : size * 0.04;
	const inner = maskable ? size * 0.16 : size * 0.1;
	const radius = maskable ? 0 : size * 0.18;
	const box = size - pad * 2;
	const char = maskable ? size * 0.5 : size * 0.62;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
	<rect x="${pad}" y="${pad}" width="${box}" height="${box}" rx="${radius}" fill="${RED}"/>
	<rect x="${inner}" y="${inner}" width="${size - inner * 2}" height="${size - inner * 2}" rx="${radius * 0.6}"
		fill="none" stroke="${PAPER}" stroke-width="${size * 0.018}"/>
	<text x="50%" y="50%" dy="0.36em" text-anchor="middle" font-family="${FONT}" font-weight="900"
		font-size="${char}" fill="${PAPER}">议</text>
</svg>`;
}

const targets = [
	['static/icons/icon-192.png', 192, false],
	['static/icons/icon-512.png', 512, false],
	['static/icons/icon-maskable-512.png', 512, true],
	['static/favicon.png', 64, false]
];

await mkdir('static/icons', { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [file, size, maskable] of targets) {
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(`<html><body style="margin:0;background:transparent">${seal(size, { maskable })}</body></html>`);
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
	console.log('wrote', file);
}
await browser.close();
