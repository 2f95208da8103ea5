/**
 * pinyin-pro for the people search, loaded on demand: its UMD build is emitted as a file of its
 * own (Vite `?url`), so it stays out of the single app bundle that a cold start parses, and is
 * precached by the service worker like every other script (so it loads offline too).
 */
import { makeNameKeys, type NameKeys, type PinyinFunction } from '$lib/domain';
import pinyinUrl from 'pinyin-pro/dist/index.js?url';

type NameKeysFunction = (name: string) => NameKeys;
let loading: Promise<NameKeysFunction> | null = null;

function loaded(): NameKeysFunction | null {
	const lib = (globalThis as { pinyinPro?: { pinyin: PinyinFunction } }).pinyinPro;
	return lib ? makeNameKeys(lib.pinyin) : null;
}

/** The pinyin keys function, once pinyin-pro's script has loaded. */
export function loadNameKeys(): Promise<NameKeysFunction> {
	loading ??= new Promise<NameKeysFunction>((resolve, reject) => {
		const ready = loaded();
		if (ready) return resolve(ready);
		const script = document.createElement('script');
		script.src = pinyinUrl;
		script.async = true;
		script.onload = () => {
			const keys = loaded();
			if (keys) resolve(keys);
			else reject(new Error('pinyin-pro did not load'));
		};
		script.onerror = () => reject(new Error('pinyin-pro did not load'));
		document.head.append(script);
	}).catch((error: unknown) => {
		loading = null;
		throw error;
	});
	return loading;
}
