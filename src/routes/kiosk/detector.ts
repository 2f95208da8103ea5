/**
 * A QR reader for video frames: the native BarcodeDetector when it reads QR codes, else the
 * `barcode-detector` ponyfill, loaded on first use, with ZXing's .wasm from this app's own build
 * (Vite copies it and gives its URL; the service worker precaches it), never from a CDN.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

interface Detected {
	rawValue: string;
}
interface Detector {
	detect(source: HTMLVideoElement): Promise<Detected[]>;
}
interface DetectorClass {
	new (options: { formats: string[] }): Detector;
	getSupportedFormats(): Promise<string[]>;
}

let made: Promise<Detector> | null = null;

async function makeDetector(): Promise<Detector> {
	const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
	if (native) {
		try {
			if ((await native.getSupportedFormats()).includes('qr_code')) return new native({ formats: ['qr_code'] });
		} catch {
			// fall back to the ponyfill
		}
	}
	const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
	await prepareZXingModule({
		overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path) },
		fireImmediately: true
	});
	return new BarcodeDetector({ formats: ['qr_code'] }) as unknown as Detector;
}

/** A function that returns the text of a QR code in the current frame, or null. */
export async function scannerFor(): Promise<(source: HTMLVideoElement) => Promise<string | null>> {
	made ??= makeDetector();
	const detector = await made;
	return async (source) => (await detector.detect(source))[0]?.rawValue ?? null;
}
