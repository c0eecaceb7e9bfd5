import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError, ConflictError, NotFoundError, UsageError } from '../../src/errors.js';
import { deliverFile } from '../../src/services/access/deliverMaterial.js';
import { openMaterial, showAccess } from '../../src/services/access/studentMaterials.js';
import type { CatalogContext } from '../../src/services/catalogContext.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { addMaterial } from '../../src/services/materials/addMaterial.js';
import type { MaterialRequest } from '../../src/services/materials/addMaterial.js';
import { addModule } from '../../src/services/materials/addModule.js';
import { editMaterial } from '../../src/services/materials/editMaterial.js';
import { materialFiles } from '../../src/services/materials/materialFiles.js';
import { openMaterialSource } from '../../src/services/materials/materialSource.js';
import { removeMaterial } from '../../src/services/materials/removeMaterial.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';
import { tempDirectory } from '../support/tempDirectory.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every row a failed add must leave as it was, and every file under the materials folder. */
function snapshot(ctx: CatalogContext & { dir: string }) {
  const rows = (sql: string) => ctx.db.prepare(sql).all();
  const dir = materialFiles(ctx.config).location;
  const files = fs.existsSync(dir)
    ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile())
    : [];
  return {
    materials: rows('SELECT * FROM materials ORDER BY id'),
    files: rows('SELECT * FROM material_files ORDER BY sha256'),
    courses: rows('SELECT id, version, material_count FROM courses ORDER BY id'),
    outbox: rows('SELECT id FROM outbox'),
    stored: files.map((e) => path.join(e.parentPath, e.name)).sort(),
  };
}

// tempCatalog's clock starts at 2026-11-25T06:30Z; courseInput courses run 2027-01-10 to 2027-01-20.
describe('materials (service, real SQLite file and materials folder)', () => {
  const scratch = tempDirectory();
  let n = 0;
  const write = (name: string, bytes: Buffer | string) => {
    const file = path.join(scratch, `${++n}-${name}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return file;
  };
  async function addFile(ctx: CatalogContext, courseId: string, file: string, request: Partial<MaterialRequest> = {}) {
    const source = await openMaterialSource(file, ctx.config.materials.maxBytes);
    return addMaterial(ctx, { courseId, ...request }, { file: source });
  }
  async function student(ctx: CatalogContext, courseId: string) {
    const { outcome } = await registerStudent(ctx, { courseId, student: `s${++n}@example.in`, amount: '999', paymentRef: `pay_${n}` });
    if (outcome.status !== 'registered') throw new Error('expected a registration');
    return outcome.accessCode;
  }
  const refusal = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a refusal');
  };

  it('stores a file by its SHA-256, sniffs its type from content, and counts it on the course (outbox entry)', async () => {
    const catalog = tempCatalog();
    const course = addCourse(catalog, courseInput());
    const { material, course: counted } = await addFile(catalog, course.id, write('notes.txt', PDF), { title: 'Week 1 slides' });
    expect(material).toMatchObject({ kind: 'file', title: 'Week 1 slides', opening: { day: 1 }, preview: false });
    expect(material.file).toEqual({ sha256: sha256(PDF), bytes: PDF.length, mediaType: 'application/pdf', name: `${n}-notes.txt` });
    const stored = path.join(materialFiles(catalog.config).location, 'sha256', sha256(PDF).slice(0, 2), sha256(PDF));
    expect(fs.readFileSync(stored)).toEqual(PDF);
    expect(counted).toMatchObject({ materialCount: 1, moduleCount: 0, previewCount: 0, version: course.version + 1 });
    const last = catalog.db.prepare('SELECT course_version AS version, change FROM outbox ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ version: course.version + 1, change: 'materials' });
    // A name never makes text a PDF: text is text, refined by its extension only then.
    const { material: markdown } = await addFile(catalog, course.id, write('fake.pdf', '# Not a PDF\n'), { name: 'readme.md' });
    expect(markdown.file!.mediaType).toBe('text/markdown');
    const { material: binary } = await addFile(catalog, course.id, write('x.md', Buffer.from([0, 1, 2, 3, 255])));
    expect(binary.file!.mediaType).toBe('application/octet-stream');
  });

  it('stores equal content once; removing a material never deletes a file another material uses', async () => {
    const catalog = tempCatalog();
    const first = addCourse(catalog, courseInput());
    const second = addCourse(catalog, courseInput());
    const bytes = Buffer.from(`shared ${Date.now()}\n`);
    const a = (await addFile(catalog, first.id, write('a.txt', bytes))).material;
    const b = (await addFile(catalog, second.id, write('b.txt', bytes))).material;
    expect(snapshot(catalog).stored).toHaveLength(1);
    expect(snapshot(catalog).files).toHaveLength(1);
    expect(await removeMaterial(catalog, a.id)).toMatchObject({ fileDeleted: false });
    expect(await materialFiles(catalog.config).has(sha256(bytes))).toBe(true);
    expect(await removeMaterial(catalog, b.id)).toMatchObject({ fileDeleted: true, course: { materialCount: 0 } });
    expect(snapshot(catalog)).toMatchObject({ stored: [], files: [], materials: [] });
    await expect(removeMaterial(catalog, b.id)).rejects.toThrow(NotFoundError);
  });

  it('refuses an empty file, a file over the limit (a sparse 2 GB one) and unsafe names; nothing stored, the database unchanged', async () => {
    const catalog = tempCatalog();
    const course = addCourse(catalog, courseInput());
    await addFile(catalog, course.id, write('kept.txt', 'kept\n'));
    const before = snapshot(catalog);
    const empty = await refusal(() => addFile(catalog, course.id, write('empty.pdf', '')));
    expect(empty).toBeInstanceOf(UsageError);
    expect(empty.message).toMatch(/is empty/);
    const sparse = path.join(scratch, 'sparse-2g.bin');
    fs.closeSync(fs.openSync(sparse, 'w'));
    fs.truncateSync(sparse, 2 * 1024 ** 3);
    const huge = await refusal(() => addFile(catalog, course.id, sparse));
    expect(huge).toBeInstanceOf(UsageError);
    expect(huge.message).toMatch(/larger than the limit for a material file \(500 MiB\)/);
    expect((huge as CatalogError).hint).toMatch(/materials\.maxBytes/);
    // The limit holds on a stream of unknown length too (standard input).
    const small = { ...catalog, config: { ...catalog.config, materials: { ...catalog.config.materials, maxBytes: 1000 } } };
    const streamed = await refusal(() =>
      addMaterial(
        small,
        { courseId: course.id, name: 'big.bin' },
        {
          file: { stream: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), name: '-', label: 'standard input', expectedBytes: null },
        },
      ),
    );
    expect(streamed.message).toMatch(/standard input is larger than the limit/);
    for (const name of ['../../etc/passwd', '..', 'a/b.pdf', '.hidden', 'tab\there']) {
      const unsafe = await refusal(() => addFile(catalog, course.id, write('ok.pdf', PDF), { name }));
      expect(unsafe, name).toBeInstanceOf(UsageError);
      expect(unsafe.message).toMatch(/the file name/);
    }
    // Content addresses are hex digests only: a name can never reach a path outside the store.
    await expect(materialFiles(catalog.config).read('../../etc/passwd')).rejects.toThrow(/not a content address/);
    expect(snapshot(catalog)).toEqual(before);
  });

  it('a file that shrinks or vanishes mid-copy, or a read that fails, is a clear error and leaves nothing', async () => {
    const catalog = tempCatalog();
    const course = addCourse(catalog, courseInput());
    const before = snapshot(catalog);
    // A local file is copied by the kernel after it was checked: cut short or gone by then.
    const cutShort = write('cut-short.bin', Buffer.alloc(8 * 1024 * 1024, 7));
    const checked = await openMaterialSource(cutShort, catalog.config.materials.maxBytes);
    fs.truncateSync(cutShort, 4 * 1024 * 1024);
    const shorter = await refusal(() => addMaterial(catalog, { courseId: course.id }, { file: checked }));
    expect(shorter).toBeInstanceOf(CatalogError);
    expect(shorter.message).toMatch(/changed while it was being read \(8388608 bytes when opened, 4194304 read\)/);
    const vanishing = write('vanishing.bin', Buffer.alloc(1024, 7));
    const gone = await openMaterialSource(vanishing, catalog.config.materials.maxBytes);
    fs.rmSync(vanishing);
    const vanished = await refusal(() => addMaterial(catalog, { courseId: course.id }, { file: gone }));
    expect(vanished).toBeInstanceOf(NotFoundError);
    expect(vanished.message).toBe(`no file at ${vanishing}`);
    // Streamed (standard input, or a store that only takes streams): cut to nothing and unlinked
    // once the first chunk was read, the rest of the read ends early.
    const file = write('shrinking.bin', Buffer.alloc(8 * 1024 * 1024, 7));
    let cut = false;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (!cut) {
          fs.truncateSync(file, 0);
          fs.rmSync(file);
          cut = true;
        }
        done(null, chunk);
      },
    });
    const stream = fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024 }).pipe(tap);
    const shrank = await refusal(() =>
      addMaterial(
        catalog,
        { courseId: course.id },
        { file: { stream, name: 'shrinking.bin', label: file, expectedBytes: 8 * 1024 * 1024 } },
      ),
    );
    expect(shrank).toBeInstanceOf(CatalogError);
    expect(shrank.message).toMatch(/changed while it was being read \(8388608 bytes when opened, 4194304 read\)/);
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    const broken = await refusal(() =>
      addMaterial(
        catalog,
        { courseId: course.id, name: 'x.bin' },
        { file: { stream: failing, name: '-', label: 'standard input', expectedBytes: null } },
      ),
    );
    expect(broken).toBeInstanceOf(CatalogError);
    expect(broken.message).toMatch(/reading standard input failed \(EIO\)/);
    await expect(openMaterialSource(path.join(scratch, 'missing.pdf'), 1000)).rejects.toThrow(NotFoundError);
    await expect(openMaterialSource(scratch, 1000)).rejects.toThrow(/is not a file/);
    expect(snapshot(catalog)).toEqual(before);
  });

  describe('on a full disk', () => {
    const mountPoint = tempDirectory('catalog-full-disk-');
    // A real 1 MiB file system (root on these machines and in CI): writes fail with ENOSPC.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
    afterAll(() => execFileSync('umount', [mountPoint]));

    it('says the disk is full, keeps no part of the file and changes nothing', async () => {
      const catalog = tempCatalog({ config: { materials: { dir: mountPoint, maxBytes: 500 * 1024 * 1024 } } });
      const course = addCourse(catalog, courseInput());
      const before = snapshot(catalog);
      const full = await refusal(() => addFile(catalog, course.id, write('big.bin', Buffer.alloc(3 * 1024 * 1024, 1))));
      expect(full).toBeInstanceOf(CatalogError);
      expect(full.message).toBe('the disk holding the materials folder is full');
      expect((full as CatalogError).exitCode).toBe(1);
      expect(snapshot(catalog)).toEqual(before);
      expect(fs.readdirSync(path.join(mountPoint, 'tmp'))).toEqual([]);
    });
  });

  it('get writes exactly the stored bytes (kernel copy, or streamed through a SHA-256 check), and refuses a damaged store without leaving a file', async () => {
    const catalog = tempCatalog({ now: '2027-01-10T00:00:00Z' });
    const course = addCourse(catalog, courseInput({ start: '2027-02-01', end: '2027-02-10' }));
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 255;
    const { material } = await addFile(catalog, course.id, write('data.bin', bytes), { opensDay: '0' });
    const code = await student(catalog, course.id);
    const { material: opened } = openMaterial(catalog, code, material.id);
    const out = path.join(scratch, 'out.bin');
    await deliverFile(catalog, opened, { path: out });
    expect(sha256(fs.readFileSync(out))).toBe(sha256(bytes));
    const stored = path.join(materialFiles(catalog.config).location, 'sha256', sha256(bytes).slice(0, 2), sha256(bytes));
    const verified = path.join(scratch, 'verified.bin');
    expect(await deliverFile(catalog, opened, { path: verified }, { verify: true })).toEqual({ bytes: bytes.length, verified: true });
    expect(sha256(fs.readFileSync(verified))).toBe(sha256(bytes));
    // One byte changed in the store: --verify refuses it; a store cut short is refused even without.
    fs.writeFileSync(stored, Buffer.concat([bytes.subarray(0, 100), Buffer.from('x'), bytes.subarray(101)]));
    const damaged = path.join(scratch, 'damaged.bin');
    await expect(deliverFile(catalog, opened, { path: damaged }, { verify: true })).rejects.toThrow(/is damaged/);
    fs.truncateSync(stored, 1000);
    await expect(deliverFile(catalog, opened, { path: damaged })).rejects.toThrow(/is damaged \(1000 bytes instead of/);
    expect(fs.existsSync(damaged)).toBe(false);
    fs.rmSync(stored);
    await expect(deliverFile(catalog, opened, { path: damaged })).rejects.toThrow(/missing from the materials folder/);
    expect(fs.readdirSync(scratch).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('opens by course day in the catalogue zone; moving the start date moves day openings, not exact times', async () => {
    const catalog = tempCatalog({ now: '2027-01-01T00:00:00Z' });
    const course = addCourse(catalog, courseInput({ start: '2027-02-01', end: '2027-02-10' }));
    const week = addModule(catalog, { courseId: course.id, title: 'Week 1' }).module;
    const day3 = (
      await addMaterial(catalog, { courseId: course.id, module: 'week 1', opensDay: '3' }, { url: 'https://meet.example.in/abc' })
    ).material;
    const fixed = (await addMaterial(catalog, { courseId: course.id, opensAt: '2027-02-02T18:00' }, { url: 'https://example.in/x' }))
      .material;
    const early = (await addMaterial(catalog, { courseId: course.id, opensDay: '-2', preview: true }, { url: 'https://example.in/p' }))
      .material;
    expect(day3.moduleId).toBe(week.id);
    const code = await student(catalog, course.id);
    const opensAt = () =>
      Object.fromEntries(
        showAccess(catalog, code).materials.map(({ material, decision }) => [material.id, new Date(decision.opensAt).toISOString()]),
      );
    // Day 3 of a course starting 2027-02-01 is 2027-02-03, 00:00 in Kolkata (18:30 UTC the day before).
    expect(opensAt()).toMatchObject({ [day3.id]: '2027-02-02T18:30:00.000Z', [fixed.id]: '2027-02-02T12:30:00.000Z' });
    editCourse(catalog, course.id, { start: '2027-03-01', end: '2027-03-10' });
    expect(opensAt()).toMatchObject({ [day3.id]: '2027-03-02T18:30:00.000Z', [fixed.id]: '2027-02-02T12:30:00.000Z' });

    // Not yet open: refused (4) with the opening time; a preview is open at once.
    const refused = (() => {
      try {
        openMaterial(catalog, code, day3.id);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused!.message).toMatch(/opens on 2027-03-03 00:00 \(Asia\/Kolkata\), 2027-03-02T18:30:00.000Z/);
    expect(openMaterial(catalog, code, early.id).material.url).toBe('https://example.in/p');
    catalog.time.set('2027-03-02T18:30:00Z');
    expect(openMaterial(catalog, code, day3.id).material.url).toBe('https://meet.example.in/abc');
    // Another course's material is not found through this code.
    const other = addCourse(catalog, courseInput({ start: '2027-04-01', end: '2027-04-05' }));
    const foreign = (await addMaterial(catalog, { courseId: other.id, opensDay: '0' }, { url: 'https://example.in/o' })).material;
    expect(() => openMaterial(catalog, code, foreign.id)).toThrow(NotFoundError);
  });

  it('archiving a course keeps its materials reachable until access ends', async () => {
    const catalog = tempCatalog({ now: '2027-01-01T00:00:00Z', config: { access: { afterEndDays: 1 } } });
    const course = addCourse(catalog, courseInput({ start: '2027-02-01', end: '2027-02-10' }));
    const note = write('intro.md', '# Introduction\n\nRead this first.\n');
    const { material } = await addMaterial(catalog, { courseId: course.id, opensDay: '0' }, { notePath: note });
    expect(material).toMatchObject({ kind: 'note', title: 'Introduction', note: '# Introduction\n\nRead this first.\n' });
    const code = await student(catalog, course.id);
    catalog.courses.applyPatch(course.id, { status: 'archived' }, 'archived', catalog.time.now());
    catalog.time.set('2027-02-11T18:29:59Z');
    expect(openMaterial(catalog, code, material.id).access.course.status).toBe('archived');
    catalog.time.set('2027-02-11T18:30:00Z');
    expect(() => openMaterial(catalog, code, material.id)).toThrow(/access to course .* ended/);
  });

  it('edits keep the content and recount previews; modules insert at a position', async () => {
    const catalog = tempCatalog();
    const course = addCourse(catalog, courseInput());
    const w2 = addModule(catalog, { courseId: course.id, title: 'Week 2' }).module;
    const w1 = addModule(catalog, { courseId: course.id, title: 'Week 1', position: '1' }).module;
    expect(() => addModule(catalog, { courseId: course.id, title: 'Late', position: '9' })).toThrow(UsageError);
    const { material } = await addMaterial(catalog, { courseId: course.id, module: w2.id }, { url: 'https://example.in/v' });
    const { material: edited, course: counted } = editMaterial(catalog, material.id, {
      preview: true,
      module: 'Week 1',
      opensAt: '2027-01-11',
    });
    expect(edited).toMatchObject({
      preview: true,
      moduleId: w1.id,
      opening: { at: Date.parse('2027-01-10T18:30:00Z') },
      url: 'https://example.in/v',
    });
    expect(counted).toMatchObject({ moduleCount: 2, materialCount: 1, previewCount: 1 });
    expect(() => editMaterial(catalog, material.id, {})).toThrow(/nothing to change/);
    expect(() => editMaterial(catalog, material.id, { opensDay: '2', opensAt: '2027-01-11' })).toThrow(UsageError);
    expect(() => editMaterial(catalog, material.id, { module: 'Week 9' })).toThrow(NotFoundError);
  });
});
