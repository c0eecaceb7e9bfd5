import type { ConfigOverrides } from '../config/load.js';
import type { CatalogContext, OpenCatalogOptions } from '../services/catalogContext.js';

/**
 * Opens the catalogue for one command and always closes it, whatever the command throws.
 * Commands that only read pass `{ readonly: true }`: they then work for a user who may only read
 * the database, and never create one.
 */
export async function withCatalog<T>(
  overrides: ConfigOverrides,
  body: (ctx: CatalogContext) => Promise<T> | T,
  options: OpenCatalogOptions = {},
): Promise<T> {
  const { openCatalog } = await import('../services/catalogContext.js');
  const ctx = await openCatalog(overrides, options);
  try {
    return await body(ctx);
  } finally {
    ctx.close();
  }
}
