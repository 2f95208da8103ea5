import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { photoFileProblem } from '../../src/lib/state/photos.svelte';
import { EventStore } from '../../src/lib/storage';
import { draft, newId, TestClock } from '../support/factories';

describe('photoFileProblem: checked before anything is read or stored', () => {
	it.each([
		[{ type: 'image/jpeg', size: 3_000_000 }, null],
		[{ type: 'image/heic', size: 20 * 1024 * 1024 }, null],
		[{ type: 'image/png', size: 20 * 1024 * 1024 + 1 }, 'too_large'],
		[{ type: 'text/plain', size: 10 }, 'not_image'],
		[{ type: '', size: 10 }, 'not_image'],
		[{ type: 'application/pdf', size: 30 * 1024 * 1024 }, 'not_image']
	])('%o → %s', (file, problem) => {
		expect(photoFileProblem(file)).toBe(problem);
	});
});

describe('EventStore photos', () => {
	it('stores a photo with its event, lists pending ones, and keeps a refused one apart', async () => {
		const store = new EventStore(`photos-${newId()}`, new TestClock());
		try {
			const stream = newId();
			const ids = [newId(), newId()];
			for (const id of ids) {
				const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' });
				const event = await store.addPhoto(
					{ id, stream, venue: 'kairongvenue001', sha256: 'a'.repeat(64), bytes: 4, width: 1, height: 1, blob },
					draft(stream, 'photo.added', { photo: id, sha256: 'a'.repeat(64), bytes: 4, width: 1, height: 1 })
				);
				expect(event.type).toBe('photo.added');
			}
			expect((await store.pendingPhotos()).map((p) => p.id)).toEqual([...ids].sort());
			expect(await store.pendingCount()).toBe(2);
			await store.markPhoto(ids[0]!, true);
			await store.markPhoto(ids[1]!, false, '400: refused');
			expect(await store.pendingPhotos()).toEqual([]);
			expect(await store.pendingPhotoCount()).toBe(1);
			const rows = new Map((await store.photos(stream)).map((p) => [p.id, [p.uploaded, p.reason]]));
			expect(rows.get(ids[0]!)).toEqual([1, '']);
			expect(rows.get(ids[1]!)).toEqual([0, '400: refused']);
		} finally {
			store.close();
		}
	});
});
