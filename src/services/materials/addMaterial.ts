import fs from 'node:fs';
import type { Course } from '../../domain/course.js';
import type { Material, MaterialKind, Opening } from '../../domain/material.js';
import { MAX_NOTE_BYTES, checkFileName, checkTitle, checkUrl, parseOpening } from '../../domain/materialInput.js';
import { CatalogError, ExitCode, UsageError } from '../../errors.js';
import { FileTooLarge, StagingLost } from '../../storage/fileStore.js';
import type { FileStore, StagedFile } from '../../storage/fileStore.js';
import { sniffMediaType } from '../../storage/mediaType.js';
import { inAsyncWriteTransaction } from '../../store/asyncWriteTransaction.js';
import { MaterialStore } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { refreshCourseCounts } from './courseCounts.js';
import { materialFiles } from './materialFiles.js';
import { newId } from './materialIds.js';
import { emptyFile, readProblem, streamOf, tooLarge } from './materialSource.js';
import type { MaterialSource } from './materialSource.js';
import { findModule } from './moduleLookup.js';

export interface MaterialRequest {
  courseId: string;
  title?: string | undefined;
  module?: string | undefined;
  opensDay?: string | undefined;
  opensAt?: string | undefined;
  preview?: boolean | undefined;
  /** The name a file is saved under (default: its own name). */
  name?: string | undefined;
}

/** What is added: a file's bytes, a link, or a Markdown note read from a file. */
export type MaterialContent = { file: MaterialSource } | { url: string } | { notePath: string };

/**
 * Adds a material. A file is streamed into the store's staging area (hashed, counted, its type
 * read from its first bytes) before anything is written; then, under the database's write lock,
 * it is moved under its content address and the material, the file's record and the course's
 * counts are written in one transaction. Any failure leaves neither a file nor a row behind.
 */
export async function addMaterial(
  ctx: CatalogContext,
  request: MaterialRequest,
  content: MaterialContent,
): Promise<{ material: Material; course: Course }> {
  const store = new MaterialStore(ctx.db);
  let checked: Awaited<ReturnType<typeof checkRequest>>;
  try {
    checked = await checkRequest(ctx, store, request, content);
  } catch (error) {
    if ('file' in content && 'stream' in content.file) content.file.stream.destroy();
    throw error;
  }
  const { course, moduleId, fileName, url, note, title, kind, opening } = checked;

  const files = materialFiles(ctx.config);
  const staged = 'file' in content ? await stage(files, content.file, ctx.config.materials.maxBytes) : null;
  try {
    const mediaType = staged ? await sniffMediaType(staged.head, fileName!) : null;
    let created = false;
    return await inAsyncWriteTransaction(
      ctx.db,
      async () => {
        if (staged) created = (await staged.commit().catch(commitProblem)).created;
        const now = ctx.clock();
        ctx.courses.get(course.id);
        if (moduleId !== null) findModule(store, course.id, moduleId);
        if (staged) store.recordFile({ sha256: staged.sha256, bytes: staged.bytes, mediaType: mediaType! }, now);
        const id = newId('mat');
        store.insertMaterial(
          {
            id,
            courseId: course.id,
            moduleId,
            title,
            kind,
            opening,
            preview: request.preview ?? false,
            file: staged && { sha256: staged.sha256, name: fileName! },
            url,
            note,
          },
          now,
        );
        return { material: store.material(id)!, course: refreshCourseCounts(ctx, store, course.id, now) };
      },
      // Nobody else can have started using content this run placed: the lock is still held.
      async () => {
        if (created && staged) await files.remove(staged.sha256);
      },
    );
  } finally {
    await staged?.discard();
  }
}

/** Everything that can be refused, checked before a byte is read. */
async function checkRequest(ctx: CatalogContext, store: MaterialStore, request: MaterialRequest, content: MaterialContent) {
  const opening: Opening = parseOpening(request, ctx.config.timeZone) ?? { day: 1 };
  const course = ctx.courses.get(request.courseId.trim());
  const moduleId = request.module === undefined ? null : findModule(store, course.id, request.module).id;
  const isFile = 'file' in content;
  if (!isFile && request.name !== undefined) throw new UsageError('--name is for files', 'links and notes have no file name');
  const fileName = isFile ? checkFileName(request.name ?? (content.file.name === '-' ? '' : content.file.name)) : null;
  const url = 'url' in content ? checkUrl(content.url) : null;
  const note = 'notePath' in content ? await readNote(content.notePath) : null;
  const title = checkTitle(request.title ?? defaultTitle(fileName, url, note) ?? '');
  const kind: MaterialKind = fileName !== null ? 'file' : url !== null ? 'link' : 'note';
  return { course, moduleId, fileName, url, note, title, kind, opening };
}

async function stage(files: FileStore, source: MaterialSource, maxBytes: number): Promise<StagedFile> {
  let staged: StagedFile;
  try {
    staged =
      'path' in source && files.stageFile
        ? await files.stageFile(source.path, { maxBytes })
        : await files.stage(streamOf(source), { maxBytes });
  } catch (error) {
    throw stagingProblem(error, source, maxBytes);
  }
  const changed = source.expectedBytes !== null && staged.bytes !== source.expectedBytes;
  if (changed || staged.bytes === 0) {
    await staged.discard();
    if (staged.bytes === 0) throw emptyFile(source.label);
    throw new CatalogError(
      `${source.label} changed while it was being read (${source.expectedBytes} bytes when opened, ${staged.bytes} read)`,
      ExitCode.failure,
      'nothing was stored; add it again once nothing is writing to it',
    );
  }
  return staged;
}

/** Says what went wrong while copying, as something the user can act on; never "internal error". */
function stagingProblem(error: unknown, source: MaterialSource, maxBytes: number): Error {
  if (error instanceof FileTooLarge) return tooLarge(source.label, maxBytes);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new CatalogError(
      'the disk holding the materials folder is full',
      ExitCode.failure,
      'nothing was stored; free some space, or point materials.dir (CATALOG_MATERIALS_DIR) at a larger disk',
    );
  // A kernel copy's error names the source as `path` and the staged copy as `dest`.
  const where = (error as { dest?: string }).dest ?? (error as NodeJS.ErrnoException).path;
  if (code === 'EROFS' || ((code === 'EACCES' || code === 'EPERM') && where !== undefined))
    return new CatalogError(
      `cannot write to the materials folder (${code}: ${where ?? ''})`,
      ExitCode.failure,
      'nothing was stored; check the folder permissions, or point materials.dir at a writable folder',
    );
  return readProblem(error, source.label);
}

function commitProblem(error: unknown): never {
  if (error instanceof StagingLost)
    throw new CatalogError(
      'the upload was removed from the materials folder before it could be stored',
      ExitCode.failure,
      'nothing was stored; add it again (an upload that stalls for over an hour is taken for one left by a crash and removed)',
    );
  throw error;
}

async function readNote(file: string): Promise<string> {
  let text: Buffer;
  try {
    const stat = await fs.promises.stat(file);
    if (stat.size > MAX_NOTE_BYTES) throw tooLarge(file, MAX_NOTE_BYTES);
    text = await fs.promises.readFile(file);
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    throw readProblem(error, file);
  }
  if (text.length === 0) throw emptyFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text).replace(/^\uFEFF/, '');
  } catch {
    throw new UsageError(`${file} is not UTF-8 text`, 'a note is Markdown text; upload other files without --note');
  }
}

/** A title when none was given: the note's first heading, the file's name, or the link's host. */
function defaultTitle(fileName: string | null, url: string | null, note: string | null): string | undefined {
  if (note !== null) return /^#{1,6}\s+(.+)$/m.exec(note)?.[1]?.trim();
  if (fileName !== null) return fileName;
  if (url !== null) return new URL(url).hostname;
  return undefined;
}
