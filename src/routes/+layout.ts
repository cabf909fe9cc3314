// The whole site is static files: every page is prerendered at build time.
export const prerender = true;
