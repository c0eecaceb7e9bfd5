import type { ConfigOverrides } from '../config/load.js';
import type { CatalogContext } from '../services/catalogContext.js';

/** Opens the catalogue for one command and always closes it, whatever the command throws. */
export async function withCatalog<T>(
  overrides: ConfigOverrides,
  body: (ctx: CatalogContext) => Promise<T> | T,
  options: { create?: boolean } = {},
): Promise<T> {
  const { openCatalog } = await import('../services/catalogContext.js');
  const ctx = await openCatalog(overrides, options);
  try {
    return await body(ctx);
  } finally {
    ctx.close();
  }
}
