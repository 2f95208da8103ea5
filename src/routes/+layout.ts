// A client-only SPA: every route renders in the browser, offline, from the precached shell.
export const ssr = false;
export const prerender = false;
