import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// One build, one version, the same in every process: Kit loads this file more than once per
// build (and `svelte-kit sync` in another terminal rewrites .svelte-kit/generated), so a
// Date.now() default gives the SPA fallback page a different version hash from the client and the
// page boots nothing. A hash of the sources is stable across loads and changes with the app.
function sourceVersion() {
	const hash = createHash('sha256');
	const files = ['package-lock.json', 'svelte.config.js', 'vite.config.ts'];
	for (const dir of ['src', 'static']) {
		for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
			const path = join(f.parentPath, f.name);
			if (f.isFile() && !path.includes('/paraglide/') && !path.includes('.inlang/')) files.push(path);
		}
	}
	for (const f of files.sort()) hash.update(f).update(readFileSync(f));
	return hash.digest('hex').slice(0, 12);
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SPA: every route falls back to index.html, which PocketBase serves for unknown paths.
		adapter: adapter({ fallback: 'index.html', strict: false }),
		// Absolute asset paths, or the service worker breaks on deep links offline.
		paths: { relative: false },
		serviceWorker: { register: false },
		// One JS and one CSS file: a cold start offline fetches 2 files through the service worker
		// instead of ~24 (each a round trip through Workbox, costly on a slow tablet).
		output: { bundleStrategy: 'single' },
		version: { name: sourceVersion() }
	}
};

export default config;
