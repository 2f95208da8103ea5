import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SPA: every route falls back to index.html, which PocketBase serves for unknown paths.
		adapter: adapter({ fallback: 'index.html', strict: false }),
		// Absolute asset paths, or the service worker breaks on deep links offline.
		paths: { relative: false },
		serviceWorker: { register: false }
	}
};

export default config;
