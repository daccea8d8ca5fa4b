/**
 * One CSP for the desktop window and browser mode. Scripts only from the app itself (no inline, no eval);
 * inline styles are allowed because AG Grid's Theming API and Recharts inject style attributes and tags.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
