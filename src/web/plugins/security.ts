import type { FastifyInstance } from '../framework.js';
import { fastifyHelmet } from '../framework.js';

/**
 * Security headers on every response. Scripts and styles only from this server (no inline code,
 * no CDN), nothing may frame the pages, no MIME sniffing, no referrer sent to other sites.
 */
const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The one page that lets another origin in: Razorpay's payment page. Razorpay Checkout is a
 * script Razorpay serves (it may not be copied here) that opens its payment form in frames from
 * api.razorpay.com and reports to its own hosts; nothing inline is needed. Everything else stays
 * as on every other page.
 */
export function razorpayPagePolicy(checkoutScriptUrl: string): string {
  const script = new URL(checkoutScriptUrl).origin;
  const directives: Record<string, string[]> = {
    ...DIRECTIVES,
    scriptSrc: ["'self'", script],
    frameSrc: [script, 'https://api.razorpay.com'],
    connectSrc: ["'self'", script, 'https://api.razorpay.com', 'https://lumberjack.razorpay.com'],
    imgSrc: ["'self'", 'data:', 'https://cdn.razorpay.com'],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${kebab(name)} ${[...new Set(sources)].join(' ')}`)
    .join('; ');
}

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES },
    // The TLS proxy in front decides about HSTS (README); on plain http it means nothing.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
  });
}
