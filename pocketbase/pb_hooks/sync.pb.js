/// <reference path="../pb_data/types.d.ts" />
// Sync protocol v1 routes. The logic lives in lib/ (required inside each handler: PocketBase
// runs handlers in separate JS runtimes where top-level requires are not shared).

routerAdd('POST', '/api/sync/push', (e) => require(`${__hooks}/lib/push.js`).push(e));
routerAdd('GET', '/api/sync/pull', (e) => require(`${__hooks}/lib/pull.js`).pull(e));
// Public: anyone may check printed minutes against the server (no token, names only).
routerAdd('GET', '/api/verify', (e) => require(`${__hooks}/lib/verify.js`).verify(e));
