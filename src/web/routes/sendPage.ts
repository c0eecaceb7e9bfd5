import type { FastifyReply } from '../framework.js';
import type { AssetUrls } from '../assets.js';
import { layout } from '../pages/layout.js';
import type { Page } from '../pages/layout.js';

export function sendPage(reply: FastifyReply, assets: AssetUrls, page: Page, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(layout(assets, page));
}
