import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Material } from '../../domain/material.js';
import { CatalogError, ExitCode } from '../../errors.js';
import { StoredFileMissing } from '../../storage/fileStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { materialFiles } from '../materials/materialFiles.js';

/**
 * Streams a file material to a path (written aside and renamed: whole or not at all) or to a
 * stream such as stdout, checking its SHA-256 on the way: storage that lost or changed a byte is
 * an error, never a silently different file.
 */
export async function deliverFile(
  ctx: CatalogContext,
  material: Material,
  to: { path: string } | { stream: Writable },
): Promise<{ bytes: number }> {
  const file = material.file!;
  let source: Readable;
  try {
    source = await materialFiles(ctx.config).read(file.sha256);
  } catch (error) {
    if (error instanceof StoredFileMissing)
      throw new CatalogError(
        `the file of material ${material.id} is missing from the materials folder`,
        ExitCode.failure,
        `the storage lost it; upload it again (\`catalog material add ${material.courseId} <file>\`) and remove this material`,
      );
    throw error;
  }
  const verify = verifier(file.sha256, file.bytes);
  if ('stream' in to) {
    await pipeline(source, verify, to.stream, { end: false });
    return { bytes: file.bytes };
  }
  const target = path.resolve(to.path);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  try {
    await pipeline(source, verify, fs.createWriteStream(temp, { flags: 'wx' }));
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw writeProblem(error, to.path);
  }
  return { bytes: file.bytes };
}

function verifier(sha256: string, bytes: number): Transform {
  const hash = createHash('sha256');
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      seen += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual === sha256 && seen === bytes) return done();
      done(
        new CatalogError(
          `the stored file ${sha256} is damaged (${seen} bytes, SHA-256 ${actual})`,
          ExitCode.failure,
          'nothing was written; restore the materials folder from a backup, or upload the file again',
        ),
      );
    },
  });
}

function writeProblem(error: unknown, label: string): unknown {
  if (error instanceof CatalogError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new CatalogError(`the disk is full: ${label} was not written`, ExitCode.failure, 'free some space or write elsewhere with -o');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
    return new CatalogError(
      `cannot write ${label} (${code})`,
      ExitCode.failure,
      'check the folder exists and is writable, or write elsewhere with -o',
    );
  return error;
}
