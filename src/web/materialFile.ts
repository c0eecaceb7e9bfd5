/** Files a browser may show in place; anything else (HTML, SVG, scripts) is only ever downloaded. */
const SHOWN_INLINE = /^(application\/pdf|image\/(png|jpeg|gif|webp)|audio\/|video\/|text\/plain)/;

export const inlineSafe = (mediaType: string): boolean => SHOWN_INLINE.test(mediaType);

/** An uploaded file is served sandboxed: none can run script in the site's origin, even if shown in place. */
export const SANDBOX_POLICY = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

/**
 * Content-Disposition for a stored file's name: a plain-ASCII `filename` (anything else, quotes,
 * backslashes and control characters replaced) for old clients, and the exact name in `filename*`
 * (RFC 6266/8187) for the rest. A name can never break out of the header or name a path.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const base = name.split(/[\\/]/).pop() || 'download';
  const ascii = base.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
