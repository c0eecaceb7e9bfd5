import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedCourseNotice, FIND_ANOTHER_ON_SITE } from '../../src/domain/closedCourseNotice.js';
import { addAssessment } from '../../src/services/assessments/authorAssessment.js';
import { stopSale } from '../../src/services/courseAvailability.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { runCatalog } from '../support/cliRunner.js';
import { courseInput } from '../support/courseFactory.js';
import { checkoutServer } from '../web/checkoutServer.js';
import { csrfTokenIn, FormClient } from '../web/formClient.js';

const BEFORE_START = '2026-11-25T06:30:00Z';
// The courses start on 10 Jan 2027 (Asia/Kolkata, +05:30); the assessment below takes late
// hand-ins until the end of day 6, 15 Jan (18:30 UTC). A session lasts a day without a request.
const WHILE_OPEN = '2027-01-15T12:00:00Z';
const PAST_ITS_CUT_OFF = '2027-01-15T20:00:00Z';
/** Past the cut-off in any zone: the CLI here runs with the default configuration. */
const DAYS_AFTER = '2027-01-17T12:00:00Z';

/** What a staff hint looks like; a visitor's must never have it (the regex lives in this test, not in the code). */
const COMMAND = /`?catalog [a-z]/;

/*
 * The same refusal met by a student on the website and by the person running the catalogue at the
 * command line: each is told what they can do. The website's pages and API answer from a real
 * server on a real SQLite file; the CLI is the built binary on the same file.
 */
describe('a refusal tells each audience its own hint (real server, real SQLite file, built CLI)', async () => {
  const { catalog, server } = await checkoutServer({ now: BEFORE_START });
  afterAll(() => server.close());
  const database = path.join(catalog.dir, 'catalog.db');
  const cli = (args: string[], now = BEFORE_START) =>
    runCatalog([...args, '--db', database], { cwd: catalog.dir, env: { CATALOG_NOW: now } });
  const api = async (address: string, body: unknown) => {
    const response = await fetch(`${server.url}${address}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; hint?: string } } };
  };
  const registered = async (courseId: string, email: string) => {
    const { outcome } = await registerStudent(catalog, { courseId, student: email, amount: '999', paymentRef: `pay_${email}` });
    if (outcome.status !== 'registered') throw new Error('not registered');
    return outcome.accessCode;
  };

  it('a paid course with no free start: the website points at Register, the CLI at `catalog register`', async () => {
    catalog.time.set(BEFORE_START);
    const paid = addCourse(catalog, courseInput({ price: '999' }));
    const web = await api('/api/enrol', { courseId: paid.id, email: 'asha@example.in' });
    expect(web.status).toBe(409);
    expect(web.body.error.hint).toBe(`register and pay on the course's page: /courses/${paid.id}/register`);
    expect(JSON.stringify(web.body)).not.toMatch(COMMAND);

    const page = await new FormClient(server.url).get(`/courses/${paid.id}/enrol`);
    expect(page.status).toBe(409);
    expect(page.text).toContain(FIND_ANOTHER_ON_SITE);
    expect(page.text).not.toMatch(COMMAND);

    const command = cli(['enrol', paid.id, '--student', 'asha@example.in']);
    expect(command.code).toBe(4);
    expect(command.stderr).toContain(`catalog register ${paid.id} --student EMAIL --amount 999 --payment-ref REF`);
  });

  it('a sold-out course: the website sends the student to the search page, the CLI tells the staff to refund', async () => {
    catalog.time.set(BEFORE_START);
    const full = addCourse(catalog, courseInput({ price: '999', seats: '1' }));
    await registered(full.id, 'first@example.in');
    const checkout = await api('/api/checkout', { courseId: full.id, email: 'late@example.in' });
    expect(checkout.status).toBe(409);
    expect(checkout.body.error).toEqual({ code: 'conflict', message: closedCourseNotice('sold-out'), hint: FIND_ANOTHER_ON_SITE });

    const freeFull = addCourse(catalog, courseInput({ price: '0', seats: '1' }));
    expect((await api('/api/enrol', { courseId: freeFull.id, email: 'first@example.in' })).status).toBe(201);
    // The domain's refusal, written for the staff ("refund the payment"), carries the student's hint too.
    const enrol = await api('/api/enrol', { courseId: freeFull.id, email: 'late@example.in' });
    expect(enrol.status).toBe(409);
    expect(enrol.body.error.message).toMatch(/sold out/);
    expect(enrol.body.error.hint).toBe(FIND_ANOTHER_ON_SITE);

    const command = cli(['register', full.id, '--student', 'late@example.in', '--amount', '999', '--payment-ref', 'pay_late']);
    expect(command.code).toBe(4);
    expect(command.stderr).toContain('refund the payment; find another course with `catalog search --available`');
    const free = cli(['enrol', freeFull.id, '--student', 'late@example.in']);
    expect(free.code).toBe(4);
    expect(free.stderr).toContain('refund the payment; find another course with `catalog search --available`');
  });

  it('a course off sale: checkout, the Register page and the course page say it in the same words', async () => {
    catalog.time.set(BEFORE_START);
    const paused = addCourse(catalog, courseInput({ price: '999' }));
    stopSale(catalog, paused.id, 'venue');
    const notice = closedCourseNotice('stopped');
    const checkout = await api('/api/checkout', { courseId: paused.id, email: 'asha@example.in' });
    expect(checkout).toMatchObject({ status: 409, body: { error: { message: notice, hint: FIND_ANOTHER_ON_SITE } } });
    const browser = new FormClient(server.url);
    const register = await browser.get(`/courses/${paused.id}/register`);
    expect(register.status).toBe(409);
    expect(register.text).toContain(notice);
    const coursePage = await browser.get(`/courses/${paused.id}`);
    expect(coursePage.text).toContain(`<p class="action-note">${notice}</p>`);
  });

  it('an assessment past its cut-off: the student is told to ask the teacher, the staff the command that extends it', async () => {
    catalog.time.set(BEFORE_START);
    const course = addCourse(catalog, courseInput({ price: '999', seats: '50' }));
    const file = path.join(catalog.dir, 'week-1.yaml');
    fs.writeFileSync(
      file,
      'title: Week 1 check\nopensDay: 3\ndueDay: 5\nlateUntilDay: 6\nattempts: 2\nquestions:\n  - { id: q1, type: single, prompt: Which keyword defines a function?, choices: [func, def], answer: def }\n',
    );
    const assessment = await addAssessment(catalog, course.id, file);
    const code = await registered(course.id, 'meera@example.in');

    // The student opens the assessment's page while it is open, and presses Start after its cut-off.
    catalog.time.set(WHILE_OPEN);
    const browser = new FormClient(server.url);
    expect((await browser.submit('/me', '/me/sign-in', { email: 'meera@example.in', code })).status).toBe(303);
    const address = `/me/courses/${course.id}/assessments/${assessment.id}`;
    const token = csrfTokenIn((await browser.get(address)).text, `${address}/attempts`);
    catalog.time.set(PAST_ITS_CUT_OFF);
    const refused = await browser.post(`${address}/attempts`, { _csrf: token });
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/closed on/);
    expect(refused.text).toContain('ask your teacher if you may have more time');
    expect(refused.text).not.toMatch(COMMAND);

    const answers = path.join(catalog.dir, 'answers.json');
    fs.writeFileSync(answers, JSON.stringify({ q1: 'def' }));
    const command = cli(['assessment', 'take', code, assessment.id, '--answers', answers], DAYS_AFTER);
    expect(command.code).toBe(4);
    expect(command.stderr).toContain(`catalog assessment extend ${assessment.id} --student EMAIL --due DATETIME`);
  });
});
