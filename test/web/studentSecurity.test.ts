import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';
import { csrfTokenIn, FormClient } from './formClient.js';
import { startStorefrontProcess } from './storefrontProcess.js';
import type { StorefrontProcess } from './storefrontProcess.js';

// The clock is pinned: sign-in delays never run out during the test, so the rate limit is exact.
const NOW = '2027-01-05T06:30:00Z';

interface Registered {
  accessCode: string;
  registration: { id: number };
}

describe('the student area is safe to sign in to (the built `catalog serve`)', () => {
  const cwd = tempDirectory();
  const env = { CATALOG_NOW: NOW };
  const cli = (args: string[]) => catalogJson<Record<string, unknown>>([...args, '--json'], { cwd, env });
  let server: StorefrontProcess;
  const courses: { id: string; material: string; assessment: string }[] = [];
  const students: { email: string; code: string; registrationId: number }[] = [];

  beforeAll(async () => {
    fs.writeFileSync(path.join(cwd, 'notes.bin'), Buffer.from([0, 1, 2, 3, 254, 255]));
    fs.writeFileSync(
      path.join(cwd, 'quiz.yaml'),
      'title: Warm-up\nopensAt: 2027-01-01\ndueAt: 2027-01-20\nattempts: 2\nquestions:\n  - { id: q1, type: single, prompt: Two plus two?, choices: ["3", "4"], answer: "4" }\n',
    );
    for (const [i, email] of ['asha@example.in', 'ravi@example.in'].entries()) {
      const course = cli([
        'course',
        'add',
        '--title',
        `Course ${i}`,
        '--description',
        'Hands on.',
        '--teacher',
        'Meera Iyer',
        '--category',
        'crafts',
        '--price',
        '999',
        '--start',
        '2027-01-10',
        '--end',
        '2027-01-20',
        '--seats',
        '5',
      ]) as { id: string };
      const material = cli(['material', 'add', course.id, 'notes.bin', '--opens-day', '0']) as { id: string };
      const assessment = cli(['assessment', 'add', course.id, 'quiz.yaml']) as { id: string };
      courses.push({ id: course.id, material: material.id, assessment: assessment.id });
      const registered = cli([
        'register',
        course.id,
        '--student',
        email,
        '--amount',
        '999',
        '--payment-ref',
        `pay_sec_${i}`,
      ]) as unknown as Registered;
      students.push({ email, code: registered.accessCode, registrationId: registered.registration.id });
    }
    // A third student, whose sign-ins only the rate-limit test tries.
    const third = cli([
      'register',
      courses[0]!.id,
      '--student',
      'mira@example.in',
      '--amount',
      '999',
      '--payment-ref',
      'pay_sec_2',
    ]) as unknown as Registered;
    students.push({ email: 'mira@example.in', code: third.accessCode, registrationId: third.registration.id });
    server = await startStorefrontProcess(cwd, env, ['--trust-proxy', '127.0.0.1']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A browser at its own address (X-Forwarded-For, believed from the proxy on 127.0.0.1). */
  const browser = (address: string) => new FormClient(server.url, { 'x-forwarded-for': address });
  const signIn = (client: FormClient, email: string, code: string) => client.submit('/me', '/me/sign-in', { email, code });

  it('a form without its token, or with the token of another browser, is refused with 403 and changes nothing', async () => {
    const [asha] = students;
    const attacker = browser('10.0.1.1');
    await attacker.get('/me');
    const victim = browser('10.0.1.2');
    const victimToken = csrfTokenIn((await victim.get('/me')).text, '/me/sign-in');
    const forged: Record<string, string>[] = [{}, { _csrf: '' }, { _csrf: victimToken }];
    for (const fields of [...forged, { _csrf: `${csrfTokenIn((await attacker.get('/me')).text)}x` }]) {
      const answer = await attacker.post('/me/sign-in', { email: asha!.email, code: asha!.code, ...fields });
      expect(answer.status).toBe(403);
      expect(answer.headers.getSetCookie().join()).not.toMatch(/Max-Age=6/);
    }
    // No cookie at all (a form on another site, with the browser's cookie left behind by SameSite=Lax).
    const bare = await new FormClient(server.url, { 'x-forwarded-for': '10.0.1.3' }).post('/me/sign-in', {
      _csrf: victimToken,
      email: asha!.email,
      code: asha!.code,
    });
    expect(bare.status).toBe(403);
    // Forms that change something for a signed-in student are covered the same way.
    const signedIn = browser('10.0.1.4');
    expect((await signIn(signedIn, asha!.email, asha!.code)).status).toBe(303);
    const start = `/me/courses/${courses[0]!.id}/assessments/${courses[0]!.assessment}/attempts`;
    expect((await signedIn.post(start, {})).status).toBe(403);
    expect((await signedIn.post('/me/sign-out', {})).status).toBe(403);
    expect((await signedIn.post(`/courses/${courses[1]!.id}/register`, { email: 'x@example.in' })).status).toBe(403);
    const db = new Database(path.join(cwd, 'catalog.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM assessment_attempts').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM checkout_orders').get()).toEqual({ n: 0 });
    db.close();
    expect((await signedIn.get('/me')).text).toContain('Signed in as');
  });

  it('signing in gives a new session id: a cookie planted before sign-in never becomes a session; only its hash is stored', async () => {
    const [asha] = students;
    const victim = browser('10.0.2.1');
    // The attacker plants a well-formed token of their own choosing, with the form token that goes with it.
    const planted = 'AttackerChosenToken_0123456789abcdefghijkl0';
    victim.setCookie('catalog_visitor', planted);
    const page = await victim.get('/me');
    expect(page.headers.getSetCookie()).toEqual([]);
    const answer = await victim.post('/me/sign-in', { _csrf: csrfTokenIn(page.text, '/me/sign-in'), email: asha!.email, code: asha!.code });
    expect(answer).toMatchObject({ status: 303, location: `/me/courses/${courses[0]!.id}` });
    const [cookie] = answer.headers.getSetCookie();
    expect(cookie).toMatch(/^catalog_visitor=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/);
    const session = victim.cookie('catalog_visitor')!;
    expect(session).not.toBe(planted);
    // The planted token opens nothing; the new one does.
    const attacker = browser('10.0.2.2');
    attacker.setCookie('catalog_visitor', planted);
    expect((await attacker.get('/me')).text).toContain('Sign in');
    expect((await attacker.get(`/me/courses/${courses[0]!.id}`)).location).toBe('/me');
    expect((await victim.get('/me')).text).toContain(`Signed in as <strong>${asha!.email}</strong>`);
    const bytes = fs.readFileSync(path.join(cwd, 'catalog.db')).toString('latin1') + readWal();
    expect(bytes).not.toContain(session);
    expect(bytes).not.toContain(asha!.code);
    // Signing out ends it for good.
    const out = await victim.submit('/me', '/me/sign-out', {});
    expect(out).toMatchObject({ status: 303, location: '/me' });
    const replayed = browser('10.0.2.3');
    replayed.setCookie('catalog_visitor', session);
    expect((await replayed.get('/me')).text).toContain('Sign in');
  });

  function readWal(): string {
    const wal = path.join(cwd, 'catalog.db-wal');
    return fs.existsSync(wal) ? fs.readFileSync(wal).toString('latin1') : '';
  }

  it('cookies are Secure (and __Host-) when the request came over TLS', async () => {
    const client = new FormClient(server.url, { 'x-forwarded-for': '10.0.3.1', 'x-forwarded-proto': 'https' });
    const page = await client.get('/me');
    expect(page.headers.getSetCookie()[0]).toMatch(/^__Host-catalog_visitor=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
  });

  it("another student's course, material, assessment or attempt is a 404, whatever the id", async () => {
    const [asha, ravi] = students;
    const mine = courses[0]!;
    const theirs = courses[1]!;
    const other = browser('10.0.4.2');
    expect((await signIn(other, ravi!.email, ravi!.code)).status).toBe(303);
    expect(
      (
        await other.submit(
          `/me/courses/${theirs.id}/assessments/${theirs.assessment}`,
          `/me/courses/${theirs.id}/assessments/${theirs.assessment}/attempts`,
          {},
        )
      ).status,
    ).toBe(303);

    const client = browser('10.0.4.1');
    expect((await signIn(client, asha!.email, asha!.code)).status).toBe(303);
    expect((await client.get(`/me/courses/${mine.id}`)).status).toBe(200);
    // A file downloads with its own type, a safe name, and exactly its bytes.
    const file = await fetch(`${server.url}/me/courses/${mine.id}/materials/${mine.material}`, {
      headers: { cookie: client.cookieHeader('/me'), 'x-forwarded-for': '10.0.4.1' },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="notes.bin"; filename*=UTF-8''notes.bin`);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from([0, 1, 2, 3, 254, 255]))).toBe(true);
    const guesses = [
      `/me/courses/${theirs.id}`,
      `/me/courses/${theirs.id}/materials/${theirs.material}`,
      `/me/courses/${mine.id}/materials/${theirs.material}`,
      `/me/courses/${mine.id}/materials/mat_0000000000`,
      `/me/courses/${theirs.id}/assessments/${theirs.assessment}`,
      `/me/courses/${mine.id}/assessments/${theirs.assessment}`,
    ];
    for (const guess of guesses) expect((await client.get(guess)).status, guess).toBe(404);
    const page = await client.get(`/me/courses/${mine.id}/assessments/${mine.assessment}`);
    const token = csrfTokenIn(page.text);
    for (const attempt of [
      `/me/courses/${theirs.id}/assessments/${theirs.assessment}/attempts/1`,
      `/me/courses/${mine.id}/assessments/${theirs.assessment}/attempts/1`,
      `/me/courses/${mine.id}/assessments/${mine.assessment}/attempts/1`,
    ])
      expect((await client.post(attempt, { _csrf: token, 'answer.q1': '4' })).status, attempt).toBe(404);
    // Ravi's attempt is still open and untouched.
    const db = new Database(path.join(cwd, 'catalog.db'), { readonly: true });
    expect(db.prepare('SELECT number, submitted_at FROM assessment_attempts').all()).toEqual([{ number: 1, submitted_at: null }]);
    db.close();
  });

  it('a re-issued code closes the course in every session made with the old one', async () => {
    const [asha] = students;
    const client = browser('10.0.5.1');
    expect((await signIn(client, asha!.email, asha!.code)).status).toBe(303);
    const reissued = cli(['registrations', 'reissue-code', String(asha!.registrationId)]) as { accessCode: string };
    expect((await client.get(`/me/courses/${courses[0]!.id}`)).status).toBe(404);
    asha!.code = reissued.accessCode;
    expect((await signIn(client, asha!.email, asha!.code)).status).toBe(303);
    expect((await client.get(`/me/courses/${courses[0]!.id}`)).status).toBe(200);
  });

  it('a wrong email and a wrong code get the same answer, no sooner than the same floor', async () => {
    const [asha] = students;
    const tries = [
      { email: 'nobody@example.in', code: asha!.code },
      { email: asha!.email, code: 'acc_0000000000000000000000aa' },
      { email: students[1]!.email, code: asha!.code },
    ];
    const answers: { answer: Awaited<ReturnType<FormClient['post']>>; ms: number; email: string }[] = [];
    for (const [i, attempt] of tries.entries()) {
      const client = browser(`10.0.6.${i + 1}`);
      const page = await client.get('/me');
      const started = performance.now();
      const answer = await client.post('/me/sign-in', { _csrf: csrfTokenIn(page.text), ...attempt });
      answers.push({ answer, ms: performance.now() - started, email: attempt.email });
    }
    const normal = ({ answer, email }: (typeof answers)[number]) => ({
      status: answer.status,
      cookies: answer.headers.getSetCookie(),
      type: answer.headers.get('content-type'),
      body: answer.text.replaceAll(`value="${email}"`, 'value="EMAIL"').replace(/name="_csrf" value="[^"]+"/g, ''),
    });
    expect(answers[0]!.answer.status).toBe(401);
    expect(answers[0]!.answer.text).toContain('that email address and access code do not match');
    for (const other of answers.slice(1)) expect(normal(other)).toEqual(normal(answers[0]!));
    for (const { ms } of answers) expect(ms).toBeGreaterThanOrEqual(250);
  });

  it('sign-in is rate limited per email and per address: after five wrong tries, each waits its turn', async () => {
    const mira = students[2]!;
    const wrong = 'acc_0000000000000000000000zz';
    const from = browser('10.0.7.1');
    for (let i = 1; i <= 6; i++) expect((await signIn(from, mira.email, wrong)).status, `wrong try ${i}`).toBe(401);
    // The next try comes too soon: refused before the code is looked at, even the right one.
    const refused = await signIn(from, mira.email, mira.code);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.text).toContain('too many sign-in attempts');
    // The same email from another address: still held (per email).
    expect((await signIn(browser('10.0.7.2'), mira.email, mira.code)).status).toBe(429);
    // Another email from the same address: held too (per address).
    expect((await signIn(from, students[1]!.email, students[1]!.code)).status).toBe(429);
    // Anyone else is not slowed.
    expect((await signIn(browser('10.0.7.3'), students[1]!.email, students[1]!.code)).status).toBe(303);
  });
});

describe('catalog serve --secure-cookies', () => {
  const cwd = tempDirectory();
  let server: StorefrontProcess;
  beforeAll(async () => {
    expect(runCatalog(['init'], { cwd }).code).toBe(0);
    server = await startStorefrontProcess(cwd, {}, ['--secure-cookies']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('marks the cookie Secure on plain http too', async () => {
    const page = await new FormClient(server.url).get('/me');
    expect(page.headers.getSetCookie()[0]).toMatch(/^__Host-catalog_visitor=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
  });
});
