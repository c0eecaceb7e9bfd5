import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ABANDONED_STAGING_MS,
  FileTooLarge,
  HEAD_BYTES,
  SETTLED_CONTENT_MS,
  StagingLost,
  StoredFileMissing,
  assertContentAddress,
  isContentAddress,
} from './fileStore.js';
import type { FileStore, StagedFile, StoreInventory } from './fileStore.js';

/** Reads while hashing a staged copy: two buffers this size take turns (one filling, one hashed). */
const READ_BYTES = 1024 * 1024;

/**
 * Files in a folder, by content:
 *   <root>/sha256/ab/ab12…ef   the content whose SHA-256 is ab12…ef (256 sub-folders by the first byte)
 *   <root>/tmp/<random>.part   uploads in progress; renamed into place when whole
 * The temp folder is inside the root, so the rename is on one file system and atomic: a reader
 * sees the whole file or none. Equal content is stored once. A staged copy is fsynced before its
 * rename and the folder it lands in after it, so a crash never leaves a named but empty or
 * partial file (which equal content added later would trust and skip).
 */
export class FolderFileStore implements FileStore {
  constructor(readonly location: string) {}

  private pathOf(sha256: string): string {
    assertContentAddress(sha256);
    return path.join(this.location, 'sha256', sha256.slice(0, 2), sha256);
  }

  async stage(source: Readable, limits: { maxBytes: number }): Promise<StagedFile> {
    const temp = await this.newStaging();
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
      // 'wx': a fresh name, never someone else's file; flush: fsync before close (see the class).
      await pipeline(source, measure, fs.createWriteStream(temp, { flags: 'wx', flush: true }));
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return this.staged(temp, hash.digest('hex'), bytes, Buffer.concat(headChunks));
  }

  /**
   * The kernel copies the file (copy_file_range, or a reflink where the file system shares
   * blocks), then the copy is hashed while it is fsynced: the bytes that get named are the ones
   * hashed, even if the original changes meanwhile, and the wait for the disk overlaps the hashing.
   */
  async stageFile(file: string, limits: { maxBytes: number }): Promise<StagedFile> {
    const temp = await this.newStaging();
    try {
      await fs.promises.copyFile(file, temp, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
      const handle = await fs.promises.open(temp, 'r');
      let synced: Promise<void> | undefined;
      try {
        const { size } = await handle.stat();
        // It grew past the limit after it was checked: refused like a stream that does.
        if (size > limits.maxBytes) throw new FileTooLarge(limits.maxBytes);
        synced = handle.sync();
        const digest = await digestOf(handle);
        await synced;
        return this.staged(temp, digest.sha256, digest.bytes, digest.head);
      } finally {
        await synced?.catch(() => undefined);
        await handle.close();
      }
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }

  /** A fresh staging name; first removes what uploads that stopped long ago left there. */
  private async newStaging(): Promise<string> {
    const tmpDir = path.join(this.location, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    await this.sweepAbandoned(tmpDir);
    return path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
  }

  /**
   * Removes staged uploads untouched for ABANDONED_STAGING_MS. File times come from the real
   * clock, so ages are judged against it, never a catalogue clock pinned for tests or demos
   * (which would make a live upload look years old). Best effort: a failure here never stops an upload.
   */
  private async sweepAbandoned(tmpDir: string): Promise<void> {
    try {
      const now = Date.now();
      for (const entry of await fs.promises.readdir(tmpDir, { withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.part')) continue;
        const file = path.join(tmpDir, entry.name);
        const stat = await fs.promises.lstat(file).catch(() => undefined);
        if (stat && now - stat.mtimeMs > ABANDONED_STAGING_MS) await fs.promises.rm(file, { force: true });
      }
    } catch {
      // Left for the next upload, and listed by `catalog doctor`.
    }
  }

  private staged(temp: string, sha256: string, bytes: number, head: Buffer): StagedFile {
    const final = this.pathOf(sha256);
    return {
      sha256,
      bytes,
      head,
      commit: async () => {
        if (await exists(final)) {
          await fs.promises.rm(temp, { force: true });
          return { created: false };
        }
        const created = await fs.promises.mkdir(path.dirname(final), { recursive: true });
        try {
          await fs.promises.rename(temp, final);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !(await exists(temp))) throw new StagingLost();
          throw error;
        }
        // The new name (and any folder made for it) survives a crash from here on.
        await syncFolder(path.dirname(final));
        if (created !== undefined) {
          for (let dir = path.dirname(final); dir !== path.dirname(created); ) {
            dir = path.dirname(dir);
            await syncFolder(dir);
          }
        }
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

  async inventory(): Promise<StoreInventory> {
    const now = Date.now();
    const inventory: StoreInventory = { contents: [], staging: [], strays: [] };
    for (const top of await entries(this.location)) {
      const topPath = path.join(this.location, top.name);
      if (top.name === 'sha256' && top.isDirectory()) {
        for (const shard of await entries(topPath)) {
          const shardPath = path.join(topPath, shard.name);
          if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) {
            inventory.strays.push(shardPath);
            continue;
          }
          for (const entry of await entries(shardPath)) {
            const file = path.join(shardPath, entry.name);
            if (!(entry.isFile() && isContentAddress(entry.name) && entry.name.startsWith(shard.name))) {
              inventory.strays.push(file);
              continue;
            }
            const stat = await lstatOf(file);
            if (stat)
              inventory.contents.push({
                sha256: entry.name,
                bytes: stat.size,
                location: file,
                settled: now - stat.mtimeMs > SETTLED_CONTENT_MS,
              });
          }
        }
      } else if (top.name === 'tmp' && top.isDirectory()) {
        for (const entry of await entries(topPath)) {
          const file = path.join(topPath, entry.name);
          const stat = await lstatOf(file);
          if (stat) inventory.staging.push({ location: file, bytes: stat.size, abandoned: now - stat.mtimeMs > ABANDONED_STAGING_MS });
        }
      } else inventory.strays.push(topPath);
    }
    return inventory;
  }
}

/** SHA-256, size and first bytes of an open file, read from its start. */
async function digestOf(handle: fs.promises.FileHandle): Promise<{ sha256: string; bytes: number; head: Buffer }> {
  const hash = createHash('sha256');
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  let head = Buffer.alloc(0);
  let bytes = 0;
  let turn = 0;
  let reading = handle.read(buffers[0]!, 0, READ_BYTES, 0);
  for (;;) {
    const { bytesRead } = await reading;
    if (bytesRead === 0) break;
    const chunk = buffers[turn]!.subarray(0, bytesRead);
    bytes += bytesRead;
    turn = 1 - turn;
    // The next read runs on the thread pool while this chunk is hashed here.
    reading = handle.read(buffers[turn]!, 0, READ_BYTES, bytes);
    if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), bytes, head };
}

/** Its status, or undefined when it went away meanwhile (removed by another command). */
async function lstatOf(file: string): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.promises.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function entries(folder: string): Promise<fs.Dirent[]> {
  try {
    return await fs.promises.readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
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
