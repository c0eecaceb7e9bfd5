import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTooLarge, HEAD_BYTES, StoredFileMissing, assertContentAddress } from './fileStore.js';
import type { FileStore, StagedFile } from './fileStore.js';

/**
 * Files in a folder, by content:
 *   <root>/sha256/ab/ab12…ef   the content whose SHA-256 is ab12…ef (256 sub-folders by the first byte)
 *   <root>/tmp/<random>.part   uploads in progress; renamed into place when whole
 * The temp folder is inside the root, so the rename is on one file system and atomic: a reader
 * sees the whole file or none. Equal content is stored once.
 */
export class FolderFileStore implements FileStore {
  constructor(readonly location: string) {}

  private pathOf(sha256: string): string {
    assertContentAddress(sha256);
    return path.join(this.location, 'sha256', sha256.slice(0, 2), sha256);
  }

  async stage(source: Readable, limits: { maxBytes: number }): Promise<StagedFile> {
    const tmpDir = path.join(this.location, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const temp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let bytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > limits.maxBytes) return done(new FileTooLarge(limits.maxBytes));
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          const part = chunk.subarray(0, HEAD_BYTES - headLength);
          headChunks.push(Buffer.from(part));
          headLength += part.length;
        }
        done(null, chunk);
      },
    });
    try {
      // 'wx': a fresh name, never someone else's file; fsync before the rename so a crash
      // cannot leave a named but empty file.
      await pipeline(source, measure, fs.createWriteStream(temp, { flags: 'wx', flush: true }));
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const final = this.pathOf(sha256);
    return {
      sha256,
      bytes,
      head: Buffer.concat(headChunks),
      commit: async () => {
        if (await exists(final)) {
          await fs.promises.rm(temp, { force: true });
          return { created: false };
        }
        await fs.promises.mkdir(path.dirname(final), { recursive: true });
        await fs.promises.rename(temp, final);
        return { created: true };
      },
      discard: () => fs.promises.rm(temp, { force: true }),
    };
  }

  async read(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileMissing(sha256);
      throw error;
    }
    return handle.createReadStream({ highWaterMark: 4 * 1024 * 1024 });
  }

  /** The kernel copies (copy_file_range, or a reflink where the file system shares blocks): no bytes pass through JavaScript. */
  async copyTo(sha256: string, target: string): Promise<void> {
    try {
      await fs.promises.copyFile(this.pathOf(sha256), target, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !(await this.has(sha256))) throw new StoredFileMissing(sha256);
      throw error;
    }
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
