/** What the app's pages and their servers agree on: the content security policy, and the web-mode token header. */

/** One policy for the desktop app's app:// pages and web mode: only the app's own code, no frames, no forms. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly may be compiled (the optimiser's HiGHS solver, in its worker); eval stays refused.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The header that carries web mode's per-run token (the change feed also takes it as the `token` query parameter). */
export const TOKEN_HEADER = 'x-wave-planner-token';
