import type { AssetUrls } from '../assets.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface Page {
  title: string;
  description?: string;
  body: Html;
  /** The catalogue's zone, named in the footer: every date on the page is a day there. */
  timeZone: string;
  /** Scripts this page needs besides the storefront's (addresses: this site's assets, or a payment provider's). */
  scripts?: string[];
}

/** Every page's frame: head, header with the way home, the page's own content, footer. */
export function layout(assets: AssetUrls, page: Page): string {
  return `<!doctype html>\n${
    html`<html lang="en-IN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ''}
<link rel="icon" href="${assets.url('icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assets.url('storefront.css')}">
<script src="${assets.url('storefront.js')}" defer></script>
${(page.scripts ?? []).map(
  (src) => html`<script src="${src}" defer></script>
`,
)}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="/"><img src="${assets.url('icon.svg')}" alt="" width="28" height="28"><span>Catalog</span></a>
    <p class="tagline">Short courses with real teachers, on fixed dates</p>
    <a class="my-courses" href="/me">My courses</a>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${page.body}
</main>
<footer class="site-footer">
  <div class="wrap">Prices in Indian rupees. Course dates are days in ${page.timeZone}.</div>
</footer>
</body>
</html>`.text
  }\n`;
}
