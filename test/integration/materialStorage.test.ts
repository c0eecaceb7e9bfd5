import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CatalogContext } from '../../src/services/catalogContext.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { diagnose } from '../../src/services/doctor.js';
import type { DoctorCheck } from '../../src/services/doctor.js';
import { addMaterial } from '../../src/services/materials/addMaterial.js';
import { materialFiles } from '../../src/services/materials/materialFiles.js';
import { openMaterialSource } from '../../src/services/materials/materialSource.js';
import { materialStorageChecks } from '../../src/services/materials/materialStorageChecks.js';
import { StagingLost } from '../../src/storage/fileStore.js';
import { FolderFileStore } from '../../src/storage/folderFileStore.js';
import { runCatalog } from '../support/cliRunner.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';
import { tempDirectory } from '../support/tempDirectory.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const HOUR = 60 * 60 * 1000;

/** Sets a file's times `ms` before the real now (file times come from the real clock, whatever the catalogue's says). */
function age(file: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(file, then, then);
}

describe('the materials folder: leftovers of stopped uploads, and doctor against the database', () => {
  const scratch = tempDirectory();
  let n = 0;
  const write = (name: string, bytes: Buffer | string) => {
    const file = path.join(scratch, `${++n}-${name}`);
    fs.writeFileSync(file, bytes);
    return file;
  };
  async function addFile(ctx: CatalogContext, courseId: string, bytes: Buffer | string) {
    const source = await openMaterialSource(write('file.bin', bytes), ctx.config.materials.maxBytes);
    return (await addMaterial(ctx, { courseId, opensDay: '0' }, { file: source })).material;
  }
  const checks = async (ctx: CatalogContext, verifyFiles = false) =>
    Object.fromEntries((await materialStorageChecks(ctx, { verifyFiles })).map((check) => [check.name, check])) as Record<
      'material files' | 'orphan files' | 'upload leftovers',
      DoctorCheck
    >;

  it('the next add removes uploads left untouched for over an hour, and keeps a live one even with the clock pinned years ahead', async () => {
    const catalog = tempCatalog({ now: '2031-06-01T00:00:00Z' });
    const course = addCourse(catalog, courseInput({ start: '2031-07-01', end: '2031-07-10' }));
    const tmp = path.join(materialFiles(catalog.config).location, 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    const abandoned = path.join(tmp, 'abandoned.part');
    const live = path.join(tmp, 'live.part');
    const notOurs = path.join(tmp, 'notes.txt');
    for (const file of [abandoned, live, notOurs]) fs.writeFileSync(file, 'x');
    age(abandoned, 2 * HOUR);
    age(notOurs, 2 * HOUR);
    age(live, 59 * 60 * 1000);
    await addFile(catalog, course.id, 'lecture notes\n');
    expect(fs.readdirSync(tmp).sort()).toEqual(['live.part', 'notes.txt']);
  });

  it('a staged upload removed before its commit is refused as lost, not stored half', async () => {
    const store = new FolderFileStore(path.join(tempDirectory(), 'materials'));
    const staged = await store.stage(Readable.from([Buffer.from('hello')]), { maxBytes: 100 });
    for (const part of fs.readdirSync(path.join(store.location, 'tmp'))) fs.rmSync(path.join(store.location, 'tmp', part));
    await expect(staged.commit()).rejects.toThrow(StagingLost);
    expect(await store.has(sha256('hello'))).toBe(false);
  });

  it('a local file staged by the kernel copy is hashed from the copy: the same address, head and size as a stream', async () => {
    const store = new FolderFileStore(path.join(tempDirectory(), 'materials'));
    // More than two reads of the store's buffers, and a head that differs from the rest.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024 + 5, 'lecture notes, ')]);
    const copied = await store.stageFile(write('big.bin', bytes), { maxBytes: bytes.length });
    expect({ sha256: copied.sha256, bytes: copied.bytes }).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
    expect(copied.head).toEqual(bytes.subarray(0, 64 * 1024));
    expect(await copied.commit()).toEqual({ created: true });
    const again = await store.stage(Readable.from([bytes]), { maxBytes: bytes.length });
    expect(again.sha256).toBe(copied.sha256);
    expect(await again.commit()).toEqual({ created: false });
    await expect(store.stageFile(write('big.bin', bytes), { maxBytes: bytes.length - 1 })).rejects.toThrow(/larger than/);
    expect(fs.readdirSync(path.join(store.location, 'tmp'))).toEqual([]);
  });

  it('doctor: every file present at its size and hashed; then a missing, a cut and a changed file fail naming their materials', async () => {
    const catalog = tempCatalog();
    const course = addCourse(catalog, courseInput());
    expect((await checks(catalog))['material files']).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^none stored yet/) });
    const kept = await addFile(catalog, course.id, 'kept\n');
    const gone = await addFile(catalog, course.id, 'gone\n');
    const cut = await addFile(catalog, course.id, 'cut short\n');
    const changed = await addFile(catalog, course.id, 'changed\n');
    const healthy = await checks(catalog);
    expect(healthy['material files']).toMatchObject({ status: 'ok' });
    const total = ['kept\n', 'gone\n', 'cut short\n', 'changed\n'].join('').length;
    expect(healthy['material files']!.detail).toMatch(
      new RegExp(`^4 files \\(${total} bytes\\) in .*, each at its recorded size; 4 SHA-256 checked`),
    );
    expect(healthy['orphan files']).toMatchObject({ status: 'ok', detail: 'none' });
    expect(healthy['upload leftovers']).toMatchObject({ status: 'ok', detail: 'none' });

    const at = (sha: string) => path.join(materialFiles(catalog.config).location, 'sha256', sha.slice(0, 2), sha);
    fs.rmSync(at(gone.file!.sha256));
    fs.writeFileSync(at(cut.file!.sha256), 'cut');
    fs.writeFileSync(at(changed.file!.sha256), 'CHANGED\n');
    const report = await diagnose(catalog);
    expect(report.ok).toBe(false);
    const files = report.checks.find((check) => check.name === 'material files')!;
    expect(files.status).toBe('fail');
    expect(files.detail).toMatch(/^1 missing and 2 damaged of 4 files/);
    expect(files.items).toEqual(
      expect.arrayContaining([
        `${gone.id}: ${gone.file!.sha256.slice(0, 12)}… missing`,
        `${cut.id}: ${cut.file!.sha256.slice(0, 12)}… 3 bytes instead of 10 bytes`,
        `${changed.id}: ${changed.file!.sha256.slice(0, 12)}… its SHA-256 is ${sha256('CHANGED\n')}`,
      ]),
    );
    expect(files.items).toHaveLength(3);
    expect(files.detail).not.toContain(kept.id);
    expect(files.hint).toMatch(/catalog material remove <material-id> --yes/);
  });

  it('doctor: files no material uses and entries catalog did not make are orphans (not while just stored); old uploads are leftovers', async () => {
    const catalog = tempCatalog();
    const location = materialFiles(catalog.config).location;
    const place = (relative: string, content: string, ms: number) => {
      const file = path.join(location, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      age(file, ms);
      return file;
    };
    const orphan = place(`sha256/${sha256('orphan').slice(0, 2)}/${sha256('orphan')}`, 'orphan', 2 * HOUR);
    place(`sha256/${sha256('just stored').slice(0, 2)}/${sha256('just stored')}`, 'just stored', 1000);
    const stray = place('sha256/README.txt', 'mine', 2 * HOUR);
    const leftover = place('tmp/0a1b.part', 'half an upload', 3 * HOUR);
    place('tmp/live.part', 'an upload', 1000);
    const found = await checks(catalog);
    expect(found['orphan files']).toMatchObject({
      status: 'warn',
      items: [orphan, stray],
      hint: expect.stringMatching(/safe to delete.*move anything catalog did not make/),
    });
    expect(found['orphan files']!.detail).toMatch(
      /^1 stored file\(s\) no material uses \(6 bytes\) and 1 entry catalog did not make: .*; 1 stored in the last 10 minutes and not recorded/,
    );
    expect(found['upload leftovers']).toMatchObject({ status: 'warn', items: [leftover] });
    expect(found['upload leftovers']!.detail).toMatch(
      /^1 upload\(s\) untouched for over 60 minutes \(14 bytes\): .*; 1 upload\(s\) in progress$/,
    );
    expect(found['upload leftovers']!.hint).toMatch(/the next `catalog material add` removes them/);
    // Warnings, not failures: students lose nothing.
    expect((await diagnose(catalog)).ok).toBe(true);

    const cli = runCatalog(['doctor'], { cwd: catalog.dir, env: { CATALOG_DATABASE: catalog.config.databasePath } });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/! orphan files +1 stored file/);
    expect(cli.stdout).toMatch(/! upload leftovers +1 upload\(s\) untouched[^\n]*\n +hint: left by uploads that stopped/);
  });
});
