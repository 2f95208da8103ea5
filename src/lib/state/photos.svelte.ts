/**
 * Photos of the open meeting: taken with the tablet's camera, checked (an image, at most 20 MB),
 * scaled down to at most 1600 px as JPEG, stored in IndexedDB with a `photo.added` event, and
 * uploaded by the sync engine when online. Object URLs of the stored photos for the screens.
 */
import { bytesSha256, MAX_PHOTO_BYTES, PHOTO_MAX_SIDE, uuidv7 } from '$lib/domain';
import { watch, type EventStore, type PhotoRow } from '$lib/storage';

export type PhotoProblem = 'not_image' | 'too_large' | 'unreadable' | 'closed';

export interface ShownPhoto {
	id: string;
	url: string;
	width: number;
	height: number;
	uploaded: boolean;
	reason: string;
}

const JPEG_QUALITY = 0.85;

/** Why this file cannot be taken as a photo, before anything is read or stored. */
export function photoFileProblem(file: { type: string; size: number }): PhotoProblem | null {
	if (!file.type.startsWith('image/')) return 'not_image';
	if (file.size > MAX_PHOTO_BYTES) return 'too_large';
	return null;
}

/** Scales an image down to at most `PHOTO_MAX_SIDE` px on its longer side, as JPEG. */
export async function downscale(file: Blob): Promise<{ blob: Blob; width: number; height: number }> {
	const bitmap = await createImageBitmap(file);
	const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
	const width = Math.max(1, Math.round(bitmap.width * scale));
	const height = Math.max(1, Math.round(bitmap.height * scale));
	let blob: Blob;
	if (typeof OffscreenCanvas !== 'undefined') {
		const canvas = new OffscreenCanvas(width, height);
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
		blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
	} else {
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
		blob = await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('could not encode JPEG'))), 'image/jpeg', JPEG_QUALITY)
		);
	}
	bitmap.close();
	return { blob, width, height };
}

export class MeetingPhotos {
	#rows = $state.raw<PhotoRow[]>([]);
	// Not reactive on purpose: a cache of object URLs, filled while reading `photos`.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#urls = new Map<string, string>();
	#subscription: { unsubscribe(): void } | null = null;

	constructor(
		private readonly store: EventStore,
		readonly stream: string
	) {}

	start(): void {
		this.#subscription = watch(
			() => this.store.photos(this.stream),
			(rows) => (this.#rows = rows)
		);
	}

	stop(): void {
		this.#subscription?.unsubscribe();
		for (const url of this.#urls.values()) URL.revokeObjectURL(url);
		this.#urls.clear();
	}

	get photos(): ShownPhoto[] {
		return this.#rows
			.slice()
			.sort((a, b) => a.id.localeCompare(b.id))
			.map((p) => {
				let url = this.#urls.get(p.id);
				if (!url) {
					url = URL.createObjectURL(p.blob);
					this.#urls.set(p.id, url);
				}
				return { id: p.id, url, width: p.width, height: p.height, uploaded: p.uploaded === 1, reason: p.reason };
			});
	}

	/** Takes a photo file: checks it, scales it, stores it with its event. */
	async add(file: File, meeting: { venue: string; actor: string; closed: boolean }): Promise<PhotoProblem | null> {
		const taken = await this.take(file, meeting);
		return 'problem' in taken ? taken.problem : null;
	}

	/**
	 * As `add`, for any stream (a meeting, a topic): `closed` refuses it. Gives the photo's id, for
	 * an event that lists it (a topic's progress update).
	 */
	async take(file: File, meeting: { venue: string; actor: string; closed: boolean }): Promise<{ problem: PhotoProblem } | { id: string }> {
		if (meeting.closed) return { problem: 'closed' };
		const problem = photoFileProblem(file);
		if (problem) return { problem };
		let scaled: { blob: Blob; width: number; height: number };
		try {
			scaled = await downscale(file);
		} catch {
			return { problem: 'unreadable' };
		}
		const bytes = new Uint8Array(await scaled.blob.arrayBuffer());
		const sha256 = bytesSha256(bytes);
		const id = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
		await this.store.addPhoto(
			{ id, stream: this.stream, venue: meeting.venue, sha256, bytes: bytes.length, width: scaled.width, height: scaled.height, blob: scaled.blob },
			{
				stream: this.stream,
				venue: meeting.venue,
				actor: meeting.actor,
				type: 'photo.added',
				v: 1,
				payload: { photo: id, sha256, bytes: bytes.length, width: scaled.width, height: scaled.height }
			}
		);
		return { id };
	}
}

/** The same shelf for any stream (a topic's photos). */
export { MeetingPhotos as StreamPhotos };
