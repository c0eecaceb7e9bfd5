import type { FastifyInstance } from '../framework.js';
import { fastifyCompress, fastifyStatic } from '../framework.js';

/**
 * Compression for pages, JSON and assets (not the event streams, which write their own bytes),
 * and the assets themselves: addressed with a digest of their content, so cached for a year.
 */
export async function assetsAndCompression(app: FastifyInstance, folder: string): Promise<void> {
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(fastifyStatic, {
    root: folder,
    prefix: '/assets/',
    wildcard: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
}
