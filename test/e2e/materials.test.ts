import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails } from '../../src/domain/course.js';
import type { MaterialView, StudentMaterialView } from '../../src/domain/materialView.js';
import { CATALOG_BIN, catalogJson, runCatalog } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';

interface AccessJson {
  course: { id: string; title: string; startDate: string };
  accessUntil: string;
  materials: StudentMaterialView[];
}

const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Peak resident memory of a child, read from /proc while it runs (VmHWM is its high-water mark). */
function peakRss(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number; peakBytes: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CATALOG_BIN, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let peakKb = 0;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // exited between two polls
      }
    }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code: code ?? -1, peakBytes: peakKb * 1024, stderr });
    });
  });
}

describe('teaching material and access codes (end to end)', () => {
  const cwd = tempDirectory();
  const env = { CATALOG_NOW: '2027-01-01T00:00:00Z' };
  let courseId: string;
  let code: string;
  let registrationId: number;
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCatalog(args, { cwd, env: { ...env, ...extra } });

  beforeAll(() => {
    expect(run(['init']).code).toBe(0);
    const course = catalogJson<CourseDetails>(
      [
        'course',
        'add',
        '--title',
        'Sourdough',
        '--description',
        'Starter to loaf.',
        '--teacher',
        'Meera Iyer',
        '--category',
        'baking',
      ].concat(['--price', '799', '--start', '2027-02-01', '--end', '2027-02-05', '--seats', '2', '--no-input', '--json']),
      { cwd, env },
    );
    courseId = course.id;
    const registered = catalogJson<{ accessCode: string; registration: { id: number } }>(
      ['register', courseId, '--student', 'asha@example.in', '--amount', '799', '--payment-ref', 'pay_asha', '--json'],
      { cwd, env },
    );
    code = registered.accessCode;
    registrationId = registered.registration.id;
  });

  it('from upload to a student opening the file: the same bytes, refused before it opens', () => {
    expect(run(['module', 'add', courseId, '--title', 'Week 1', '--json']).code).toBe(0);
    const file = path.join(cwd, 'starter.pdf');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 'x'), Buffer.from('\n%%EOF\n')]));
    const added = catalogJson<MaterialView>(['material', 'add', courseId, file, '--module', 'Week 1', '--opens-day', '2', '--json'], {
      cwd,
      env,
    });
    expect(added).toMatchObject({ kind: 'file', module: 'Week 1', opensDay: 2, mediaType: 'application/pdf', sha256: sha256File(file) });
    expect(run(['material', 'add', courseId, 'https://meet.example.in/abc', '--title', 'Live', '--opens-day', '0', '--preview']).code).toBe(
      0,
    );

    const shown = catalogJson<AccessJson>(['access', 'show', code, '--json'], { cwd, env });
    expect(shown.course).toMatchObject({ id: courseId, title: 'Sourdough' });
    // Through the end date plus 90 days (2027-05-06), exclusive: the next midnight in Kolkata.
    expect(shown.accessUntil).toBe('2027-05-07T00:00:00+05:30');
    expect(shown.materials.map((m) => [m.title, m.kind, m.open, m.preview])).toEqual([
      ['Live', 'link', true, true],
      ['starter.pdf', 'file', false, false],
    ]);
    expect(Object.keys(shown.materials[1]!)).toEqual(
      expect.arrayContaining(['id', 'title', 'module', 'kind', 'opensAt', 'open', 'preview', 'bytes', 'sha256', 'mediaType']),
    );
    expect(shown.materials[1]).toMatchObject({ opensAt: '2027-02-02T00:00:00+05:30', bytes: added.bytes, sha256: added.sha256 });

    const early = run(['access', 'get', code, added.id, '-o', 'early.pdf']);
    expect(early.code).toBe(4);
    expect(early.stderr).toMatch(/opens on 2027-02-02 00:00 \(Asia\/Kolkata\)/);
    expect(fs.existsSync(path.join(cwd, 'early.pdf'))).toBe(false);

    const later = { CATALOG_NOW: '2027-02-02T00:00:00+05:30' };
    const got = run(['access', 'get', code, added.id, '-o', 'copy.pdf'], later);
    expect(got.code, got.stderr).toBe(0);
    expect(sha256File(path.join(cwd, 'copy.pdf'))).toBe(added.sha256);
    const piped = runCatalog(['access', 'get', code, added.id, '-o', '-'], { cwd, env: later });
    expect(createHash('sha256').update(piped.stdout, 'latin1').digest('hex')).toBe(added.sha256);
    expect(run(['access', 'get', code, shown.materials[0]!.id]).stdout).toBe('https://meet.example.in/abc\n');
    expect(catalogJson<CourseDetails>(['course', 'show', courseId, '--json'], { cwd, env })).toMatchObject({
      modules: 1,
      materials: 2,
      previews: 1,
    });
  });

  it('removing without --yes and without a terminal is a usage error (2), and removes nothing', () => {
    const added = catalogJson<MaterialView>(['material', 'add', courseId, 'https://example.in/x', '--json'], { cwd, env });
    const refused = run(['material', 'remove', added.id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    const listed = () => catalogJson<{ materials: MaterialView[] }>(['material', 'list', courseId, '--json'], { cwd, env }).materials;
    expect(listed().some((m) => m.id === added.id)).toBe(true);
    expect(run(['material', 'remove', added.id, '--yes']).code).toBe(0);
    expect(listed().some((m) => m.id === added.id)).toBe(false);
    expect(run(['material', 'remove', added.id, '--yes']).code).toBe(3);
  });

  it('a file over the limit or a path as its name: exit 2, nothing stored', () => {
    const file = path.join(cwd, 'big.bin');
    fs.writeFileSync(file, Buffer.alloc(4096));
    const before = catalogJson<CourseDetails>(['course', 'show', courseId, '--json'], { cwd, env });
    const big = run(['material', 'add', courseId, file], { CATALOG_MATERIALS_MAX_BYTES: '1000' });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/larger than the limit for a material file \(1000 bytes\)/);
    const traversal = run(['material', 'add', courseId, file, '--name', '../../etc/passwd']);
    expect(traversal.code).toBe(2);
    expect(run(['material', 'add', courseId, path.join(cwd, 'nope.pdf')]).code).toBe(3);
    expect(catalogJson<CourseDetails>(['course', 'show', courseId, '--json'], { cwd, env })).toEqual(before);
  });

  it('re-issued code: the old one is not found (3), the new one works; cancelling ends access and frees the seat', () => {
    const reissued = catalogJson<{ accessCode: string }>(['registrations', 'reissue-code', String(registrationId), '--json'], { cwd, env });
    expect(run(['access', 'show', code]).code).toBe(3);
    expect(run(['access', 'show', reissued.accessCode]).code).toBe(0);
    expect(run(['registrations', 'cancel', String(registrationId)]).code).toBe(2);
    const cancelled = run(['registrations', 'cancel', String(registrationId), '--refund-ref', 'rfnd_asha', '--yes', '--json']);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({
      status: 'cancelled',
      registration: { refundRef: 'rfnd_asha', paymentRef: 'pay_asha' },
      course: { seatsLeft: 2 },
    });
    const gone = run(['access', 'show', reissued.accessCode]);
    expect(gone.code).toBe(3);
    expect(gone.stderr).not.toContain(courseId);
    expect(JSON.parse(run(['registrations', 'cancel', String(registrationId), '--yes', '--json']).stdout)).toMatchObject({
      status: 'already-cancelled',
    });
    expect(catalogJson<CourseDetails>(['course', 'show', courseId, '--json'], { cwd, env })).toMatchObject({
      registrations: 0,
      seatsLeft: 2,
    });
  });

  it('adding and getting a 1 GB file streams: peak memory stays far below the file', async () => {
    const file = path.join(cwd, 'lecture.bin');
    const chunk = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < chunk.length; i += 4096) chunk.writeUInt32LE(i, i);
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < 128; i++) {
      chunk.writeUInt32LE(i, 0);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    const fullEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      NO_COLOR: '1',
      ...env,
      CATALOG_MATERIALS_MAX_BYTES: String(2 * 1024 ** 3),
    };
    const course = catalogJson<CourseDetails>(
      [
        'course',
        'add',
        '--title',
        'Big files',
        '--description',
        'One large lecture recording.',
        '--teacher',
        'Tara Sen',
        '--category',
        'film',
        '--price',
        '100',
        '--start',
        '2027-02-01',
      ].concat(['--end', '2027-02-02', '--seats', '1', '--no-input', '--json']),
      { cwd, env },
    );
    const registered = catalogJson<{ accessCode: string }>(
      ['register', course.id, '--student', 'big@example.in', '--amount', '100', '--payment-ref', 'pay_big', '--json'],
      { cwd, env },
    );
    const add = await peakRss(['material', 'add', course.id, file, '--opens-day', '0'], { cwd, env: fullEnv });
    expect(add.code, add.stderr).toBe(0);
    const id = catalogJson<{ materials: MaterialView[] }>(['material', 'list', course.id, '--json'], { cwd, env }).materials[0]!.id;
    const get = await peakRss(['access', 'get', registered.accessCode, id, '-o', 'lecture-copy.bin'], { cwd, env: fullEnv });
    expect(get.code, get.stderr).toBe(0);
    expect(fs.statSync(path.join(cwd, 'lecture-copy.bin')).size).toBe(1024 ** 3);
    expect(add.peakBytes).toBeGreaterThan(0);
    expect(add.peakBytes).toBeLessThan(150 * 1024 * 1024);
    expect(get.peakBytes).toBeLessThan(150 * 1024 * 1024);
    fs.rmSync(file);
    fs.rmSync(path.join(cwd, 'lecture-copy.bin'));
  }, 120_000);
});
