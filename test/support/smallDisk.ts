import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { tempDirectory } from './tempDirectory.js';

/**
 * A real, small file system (tmpfs) mounted on a temp folder, so "disk full" is the kernel's
 * ENOSPC as on a full disk, not a limit SQLite imposes on itself. Needs root (mount).
 */
export function smallDisk(sizeKiB: number): { dir: string; fill: () => void; free: () => void } {
  if (process.getuid?.() !== 0) throw new Error('the full-disk tests mount a small tmpfs: run them as root');
  const dir = tempDirectory('catalog-small-disk-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) throw new Error(`could not mount a tmpfs on ${dir}: ${mounted.stderr}`);
  afterAll(() => {
    spawnSync('umount', [dir]);
  });
  const filler = path.join(dir, 'filler');
  return {
    dir,
    /** Takes every free byte of the disk. */
    fill: () => {
      const fd = fs.openSync(filler, 'a');
      const block = Buffer.alloc(4096);
      try {
        for (;;) fs.writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(fd);
      }
    },
    free: () => fs.rmSync(filler, { force: true }),
  };
}
