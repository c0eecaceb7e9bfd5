import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails, CourseSummary } from '../../src/domain/course.js';
import type { RegistrationView } from '../../src/domain/registration.js';
import { openDatabase } from '../../src/store/database.js';
import { RegistrationStore } from '../../src/store/registrationStore.js';
import { catalogJson, runCatalog, runCatalogAsync } from '../support/cliRunner.js';
import type { CliResult } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';

const NOW = '2026-11-25T06:30:00Z';

interface RegisterJson {
  status: 'registered' | 'already-registered';
  paymentApplied: boolean;
  accessCode: string | null;
  registration: RegistrationView;
  course: CourseSummary;
}

describe('catalog register (end to end)', () => {
  const cwd = tempDirectory();
  const env = { CATALOG_NOW: NOW };
  let student = 0;

  function addCourse(seats: number, price = '599', start = '2027-03-01'): string {
    const args = [
      'course',
      'add',
      '--title',
      `Pottery ${seats}`,
      '--description',
      'Wheel throwing for beginners.',
      '--teacher',
      'Kavya Iyer',
    ];
    args.push('--category', 'crafts', '--price', price, '--start', start, '--end', start, '--seats', String(seats), '--no-input', '--json');
    return catalogJson<CourseDetails>(args, { cwd, env }).id;
  }
  const registerArgs = (id: string, email = `student${++student}@example.in`, ref = `pay_${student}`, amount = '599') => [
    'register',
    id,
    '--student',
    email,
    '--amount',
    amount,
    '--payment-ref',
    ref,
    '--json',
  ];
  const register = (id: string, email?: string, ref?: string, amount?: string, extraEnv: NodeJS.ProcessEnv = {}) =>
    runCatalog(registerArgs(id, email, ref, amount), { cwd, env: { ...env, ...extraEnv } });
  const show = (id: string) => catalogJson<CourseDetails>(['course', 'show', id, '--json'], { cwd, env });
  const registrations = (id: string) => catalogJson<RegistrationView[]>(['registrations', 'list', '--course', id, '--json'], { cwd, env });
  function grantCount(id: string): number {
    const db = openDatabase(path.join(cwd, 'catalog.db'), { readonly: true });
    try {
      return new RegistrationStore(db).grantCount(id);
    } finally {
      db.close();
    }
  }

  beforeAll(() => {
    expect(runCatalog(['init'], { cwd, env }).code).toBe(0);
  });

  it.each([1, 2, 3])('twelve processes racing for %i seat(s): exactly that many win, the rest exit 4', async (seats) => {
    const id = addCourse(seats);
    const racers = Array.from({ length: 12 }, () => runCatalogAsync(registerArgs(id), { cwd, env }));
    const results = await Promise.all(racers);
    const won = results.filter((r) => r.code === 0);
    const lost = results.filter((r) => r.code !== 0);
    expect(won).toHaveLength(seats);
    for (const r of lost) {
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/sold out/);
      expect(r.stderr).not.toMatch(/SQLITE_BUSY|database is locked/i);
    }
    const codes = won.map((r) => (JSON.parse(r.stdout) as RegisterJson).accessCode);
    expect(new Set(codes).size).toBe(seats);
    expect(show(id)).toMatchObject({ seats, registrations: seats, seatsLeft: 0 });
    expect(registrations(id)).toHaveLength(seats);
    expect(grantCount(id)).toBe(seats);
  });

  it('one student racing with several payments gets one seat; a payment reference racing gets one use', async () => {
    const id = addCourse(3);
    const same = await Promise.all(
      Array.from({ length: 6 }, (_, i) => runCatalogAsync(registerArgs(id, 'Dev@Example.in', `pay_dev_${i}`), { cwd, env })),
    );
    expect(same.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(same.map((r) => (JSON.parse(r.stdout) as RegisterJson).status).sort()).toEqual([
      'already-registered',
      'already-registered',
      'already-registered',
      'already-registered',
      'already-registered',
      'registered',
    ]);
    const oneRef = await Promise.all(
      Array.from({ length: 5 }, () => runCatalogAsync(registerArgs(id, undefined, 'pay_shared'), { cwd, env })),
    );
    expect(oneRef.map((r) => r.code).sort()).toEqual([0, 4, 4, 4, 4]);
    expect(show(id)).toMatchObject({ registrations: 2, seatsLeft: 1 });
    expect(grantCount(id)).toBe(2);
  });

  it('shows the access code once, then never again', () => {
    const id = addCourse(5);
    const human = runCatalog(
      ['register', id, '--student', 'neha@example.in', '--name', 'Neha', '--amount', '599', '--payment-ref', 'pay_neha'],
      { cwd, env },
    );
    expect(human.code).toBe(0);
    const code = human.stdout.trim();
    expect(code).toMatch(/^acc_\w{24}$/);
    expect(human.stderr).toMatch(/registered neha@example.in .* 4 seats left/);
    expect(human.stderr).toMatch(/shown only this once/);
    const again = register(id, 'NEHA@example.in', 'pay_neha');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      status: 'already-registered',
      paymentApplied: true,
      accessCode: null,
      registration: { name: 'Neha' },
    });
    const listing = runCatalog(['registrations', 'list', '--student', 'neha@example.in', '--json'], { cwd, env });
    expect(listing.stdout).toContain('pay_neha');
    expect(listing.stdout).not.toContain(code);
    expect(runCatalog(['export', '--format', 'ndjson'], { cwd, env }).stdout).not.toContain(code);
  });

  it('re-registering with a new payment takes no seat and says the payment was not recorded', () => {
    const id = addCourse(2);
    expect(register(id, 'om@example.in', 'pay_om_1').code).toBe(0);
    const again = runCatalog(['register', id, '--student', 'om@example.in', '--amount', '599', '--payment-ref', 'pay_om_2'], { cwd, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/already registered .* no second seat/);
    expect(again.stderr).toMatch(/pay_om_2 was not recorded/);
    expect(show(id)).toMatchObject({ registrations: 1, seatsLeft: 1 });
    // The unrecorded payment is still good for another course.
    expect(register(addCourse(2), 'om@example.in', 'pay_om_2').code).toBe(0);
  });

  it('refuses a reused payment reference with exit 4', () => {
    const id = addCourse(5);
    expect(register(id, undefined, 'pay_reused').code).toBe(0);
    const reuse = register(id, undefined, 'pay_reused');
    expect(reuse.code).toBe(4);
    // With --json the error is JSON on stderr too (issue 10, item 20).
    const { error } = JSON.parse(reuse.stderr) as { error: { code: string; message: string; hint?: string } };
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/payment reference pay_reused was already used/);
    expect(error.hint).toBeTruthy();
    expect(show(id).registrations).toBe(1);
  });

  it('refuses an amount that is not the price now (exit 2), and honours a running sale', () => {
    const id = addCourse(5, '999');
    const wrong = register(id, undefined, undefined, '599');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/₹599 does not match the price of course .*: ₹999 \(the list price\)/);
    expect(runCatalog(['course', 'sale', id, '--price', '749', '--until', '2026-12-31'], { cwd, env }).code).toBe(0);
    const list = register(id, undefined, undefined, '999');
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/₹749 \(the sale price until/);
    const onSale = register(id, undefined, undefined, '749');
    expect(onSale.code, onSale.stderr).toBe(0);
    expect(JSON.parse(onSale.stdout)).toMatchObject({
      registration: { amount: 749 },
      course: { price: 749, listPrice: 999, registrations: 1 },
    });
    // After the sale the list price is the price again.
    const after = register(id, undefined, undefined, '749', { CATALOG_NOW: '2027-01-02T00:00:00Z' });
    expect(after.code).toBe(2);
    expect(register(id, undefined, undefined, '999', { CATALOG_NOW: '2027-01-02T00:00:00Z' }).code).toBe(0);
  });

  it('refuses a stopped course and a course that has started, each saying why (exit 4)', () => {
    const stopped = addCourse(5);
    expect(runCatalog(['course', 'stop-sale', stopped, '--reason', 'teacher unwell'], { cwd, env }).code).toBe(0);
    const refused = register(stopped);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/off sale \(teacher unwell\)/);

    const started = addCourse(5, '599', '2026-12-01');
    // 2026-12-01 00:00 in Asia/Kolkata is 2026-11-30T18:30Z.
    expect(register(started, undefined, undefined, '599', { CATALOG_NOW: '2026-11-30T18:29:00Z' }).code).toBe(0);
    const late = register(started, undefined, undefined, '599', { CATALOG_NOW: '2026-11-30T18:30:00Z' });
    expect(late.code).toBe(4);
    expect(late.stderr).toMatch(/started on 2026-12-01; registration has closed/);
    expect(show(stopped).registrations + show(started).registrations).toBe(1);
  });

  it('refuses bad input (exit 2) and unknown courses (exit 3) without writing', () => {
    const id = addCourse(5);
    const bad = runCatalog(['register', id, '--student', 'nope', '--amount', '599', '--payment-ref', 'pay_x'], { cwd, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"nope" is not an email address/);
    expect(runCatalog(['register', id, '--student', 'a@example.in', '--payment-ref', 'pay_x'], { cwd, env }).code).toBe(2);
    const missing: CliResult = register('crs_doesnotexist');
    expect(missing.code).toBe(3);
    expect(show(id).registrations).toBe(0);
  });

  it('a sold-out course shows seatsLeft 0 in search', () => {
    const id = addCourse(1);
    expect(register(id).code).toBe(0);
    const found = catalogJson<{ results: CourseSummary[] }>(['search', '--json', '--all', '--limit', '100'], { cwd, env }).results.find(
      (c) => c.id === id,
    );
    expect(found).toMatchObject({ seatsLeft: 0, registrations: 1 });
    const available = catalogJson<{ results: CourseSummary[] }>(['search', '--json', '--available', '--limit', '100'], {
      cwd,
      env,
    }).results;
    expect(available.some((c) => c.id === id)).toBe(false);
  });
});
