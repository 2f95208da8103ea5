import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Messages are compiled from src/lib/i18n (plugin loaded from node_modules: nothing fetched).
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
			emitGitIgnore: false,
			emitReadme: false
		}),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			manifestFilename: 'manifest.webmanifest',
			// The Kit config is not read by the plugin: the SPA fallback is passed here.
			kit: { adapterFallback: 'index.html', spa: { fallbackMapping: '/' } },
			workbox: {
				navigateFallback: '/',
				navigateFallbackDenylist: [/^\/api\//, /^\/_\//],
				// wasm: the QR reader of the members' home kiosk (ZXing), so card scanning works offline.
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2,wasm}'],
				cleanupOutdatedCaches: true
			},
			manifest: {
				id: '/',
				name: '议事 Yishi',
				short_name: '议事',
				description: '基层协商议事 · Grassroots consultation meetings',
				lang: 'zh-CN',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				background_color: '#fbf8f1',
				theme_color: '#a8281e',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			}
		})
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
