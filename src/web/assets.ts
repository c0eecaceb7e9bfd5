import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The storefront's stylesheet, script and icon. The build copies src/web/assets/ beside the
 * bundle (dist/web/); run from the sources (tests, benchmarks) they are read where they are.
 */
export function assetsFolder(): string {
  const beside = fileURLToPath(new URL('./web/', import.meta.url));
  if (fs.existsSync(beside)) return beside;
  return fileURLToPath(new URL('./assets/', import.meta.url));
}

/**
 * Addresses of the assets with a digest of their content, so browsers may keep them for a year
 * and still fetch a new version the moment it changes.
 */
export class AssetUrls {
  private readonly versions = new Map<string, string>();

  constructor(readonly folder: string) {
    for (const name of fs.readdirSync(folder)) {
      const digest = createHash('sha256')
        .update(fs.readFileSync(`${folder}/${name}`))
        .digest('hex')
        .slice(0, 12);
      this.versions.set(name, digest);
    }
  }

  url(name: string): string {
    const version = this.versions.get(name);
    if (!version) throw new Error(`no asset named ${name} in ${this.folder}`);
    return `/assets/${name}?v=${version}`;
  }
}
