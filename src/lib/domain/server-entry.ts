/**
 * What the PocketBase hooks need of the domain, bundled into pocketbase/pb_hooks/lib/domain.cjs
 * by pocketbase/scripts/build-hooks.mjs. One source of truth for both sides: same schemas, same
 * reasons, same canonical JSON. Hashing itself uses PocketBase's native `$security.sha256`.
 */
export { validateEvent } from './validate';
export { canonicalJson, hashInput } from './canonical';
export { STREAM_STARTS } from './events/registry';
export { verifyRecord, parseFingerprint } from './fingerprint';
