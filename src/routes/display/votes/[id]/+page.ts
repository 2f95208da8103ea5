// The votes' room display is now part of the one room display (`/display/[id]`), which shows the
// open vote or the latest result when there is one; old links and bookmarks land there.
import { resolve } from '$app/paths';
import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
	redirect(307, resolve('/display/[id]', { id: params.id }));
};
