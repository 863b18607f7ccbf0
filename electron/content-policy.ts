// The renderer's CSP, also sent as a header by main for every response the
// session sees (the meta tag in index.html says the same; belt and braces).
export const DESKTOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // ECharts tooltips carry inline style attributes; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
