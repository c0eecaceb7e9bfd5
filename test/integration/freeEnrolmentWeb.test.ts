import { afterAll, describe, expect, it } from 'vitest';
import { resolveAccess } from '../../src/services/access/resolveAccess.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { listRegistrations } from '../../src/services/listRegistrations.js';
import { addMaterial } from '../../src/services/materials/addMaterial.js';
import { courseInput } from '../support/courseFactory.js';
import { postForJson } from '../support/jsonPost.js';
import { expectOpenApiSchema } from '../support/openApiSchema.js';
import { checkoutServer } from '../web/checkoutServer.js';
import { FormClient } from '../web/formClient.js';

/*
 * The course starts on 10 Jan 2027 (Asia/Kolkata, UTC+05:30) with one free day: day 1 is free,
 * what opens from day 2 (00:00 on 11 Jan, 18:30 UTC on 10 Jan) needs the upgrade, which stays
 * open until the end of day 2 (00:00 on 12 Jan, 18:30 UTC on 11 Jan).
 */
const BEFORE_START = '2027-01-09T12:00:00Z';
const ON_DAY_2 = '2027-01-10T20:00:00Z';
const FREE_UNTIL = Date.parse('2027-01-10T18:30:00Z');
const UPGRADE_BY = Date.parse('2027-01-11T18:30:00Z');

describe('starting free and upgrading on the website (real server and SQLite file)', async () => {
  const { catalog, server } = await checkoutServer({ now: BEFORE_START });
  afterAll(() => server.close());
  const expectSchema = expectOpenApiSchema();
  const enrol = (body: unknown, contentType?: string) => postForJson(`${server.url}/api/enrol`, body, contentType);
  const count = (table: string) => (catalog.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  const freeStart = addCourse(catalog, courseInput({ title: 'Clay in a Week', price: '1999', seats: '5', freeDays: '1' }));
  const free = await addMaterial(
    catalog,
    { courseId: freeStart.id, title: 'Welcome', opensDay: '0' },
    { url: 'https://example.org/welcome' },
  );
  const paid = await addMaterial(
    catalog,
    { courseId: freeStart.id, title: 'Glazing', opensDay: '2' },
    { url: 'https://example.org/glazing' },
  );

  it('POST /api/enrol: 201 with the code once, 200 without it again; 400 naming the field, 404, 409 and 415, nothing written', async () => {
    const first = await enrol({ courseId: freeStart.id, email: 'Kiran@Example.in', name: 'Kiran' });
    expect(first.status).toBe(201);
    expectSchema('Enrolment', first.body);
    expect(first.body).toMatchObject({ status: 'enrolled', courseId: freeStart.id, mode: 'free', signInUrl: '/me' });
    // The code the API showed is the enrolment's: the CLI's access service opens the course with it.
    const access = resolveAccess(catalog, String(first.body.accessCode));
    expect(access.enrolment).toMatchObject({ mode: 'free', studentEmail: 'kiran@example.in' });
    const again = await enrol({ courseId: freeStart.id, email: 'kiran@example.in' });
    expect(again.status).toBe(200);
    expectSchema('Enrolment', again.body);
    expect(again.body).toMatchObject({ status: 'already-enrolled', registrationId: first.body.registrationId });
    expect(again.body).not.toHaveProperty('accessCode');

    const before = count('registrations');
    const paidOnly = addCourse(catalog, courseInput({ price: '999' }));
    const refused = await enrol({ courseId: paidOnly.id, email: 'kiran@example.in' });
    expect(refused.status).toBe(409);
    expectSchema('Error', refused.body);
    expect(String((refused.body.error as { message: string }).message)).toContain('has no free start');
    expect(await enrol({ courseId: freeStart.id, email: 'not an email' })).toMatchObject({
      status: 400,
      body: { error: { message: 'email: "not an email" is not an email address' } },
    });
    expect((await enrol({ email: 'a@example.in' })).body).toMatchObject({ error: { message: 'courseId: is missing' } });
    expect((await enrol({ courseId: 'crs_nosuchthing', email: 'a@example.in' })).status).toBe(404);
    expect((await enrol(`courseId=${freeStart.id}&email=a@example.in`, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect(count('registrations')).toBe(before);
  });

  it('Start free → the free material opens, the paid one needs the upgrade → Upgrade through the test provider → it opens, same code', async () => {
    catalog.time.set(BEFORE_START);
    const browser = new FormClient(server.url);
    const coursePage = await browser.get(`/courses/${freeStart.id}`);
    expect(coursePage.text).toContain(`href="/courses/${freeStart.id}/enrol"`);
    expect(coursePage.text).toContain(`href="/courses/${freeStart.id}/register"`);

    // The Start free form is protected like every other: without the page's token, nothing is written.
    const before = count('registrations');
    expect((await browser.post(`/courses/${freeStart.id}/enrol`, { email: 'leela@example.in' })).status).toBe(403);
    expect(count('registrations')).toBe(before);
    const enrolled = await browser.submit(`/courses/${freeStart.id}/enrol`, `/courses/${freeStart.id}/enrol`, {
      email: 'leela@example.in',
      name: 'Leela',
    });
    expect(enrolled.status).toBe(200);
    const code = /id="access-code">(acc_[0-9a-z]{24})</.exec(enrolled.text)?.[1];
    expect(code).toBeDefined();
    // Sent again (a reload of the answer), the form finds her enrolled and shows no code.
    const resent = await browser.submit(`/courses/${freeStart.id}/enrol`, `/courses/${freeStart.id}/enrol`, { email: 'leela@example.in' });
    expect(resent.text).toContain('You are enrolled already');
    expect(resent.text).not.toContain(code!);

    expect((await browser.submit('/me', '/me/sign-in', { email: 'leela@example.in', code: code! })).status).toBe(303);
    const material = (id: string) => browser.get(`/me/courses/${freeStart.id}/materials/${id}`);
    expect((await material(free.material.id)).location).toBe('https://example.org/welcome');
    expect((await material(paid.material.id)).status).toBe(409);

    // A day and a half later (the session idled out), day 2: the paid material is out, behind the upgrade.
    catalog.time.set(ON_DAY_2);
    expect((await browser.get(`/me/courses/${freeStart.id}`)).location).toBe('/me');
    expect((await browser.submit('/me', '/me/sign-in', { email: 'leela@example.in', code: code! })).status).toBe(303);
    const page = (await browser.get(`/me/courses/${freeStart.id}`)).text;
    expect(page).toContain('Upgrade for \u20B91,999');
    // What the free start is, said plainly: its day (the course's first, to 00:00 on 11 Jan in India), what it opens, what needs paying.
    expect(page).toMatch(
      new RegExp(
        `<p id="free-days">Your free start is the first day of the course, until <time datetime="${new Date(FREE_UNTIL - 1).toISOString()}">[^<]+</time>: ` +
          'what opens on day 1 is open to you, and so are the previews. What opens from day 2 on needs the upgrade.</p>',
      ),
    );
    expect(page).not.toContain('open the start of the course');
    expect(page).toMatch(new RegExp(`id="upgrade-deadline"><time datetime="${new Date(UPGRADE_BY - 1).toISOString()}">`));
    expect(page).toMatch(new RegExp(`data-material="${paid.material.id}"[^>]*>.*Needs the <a href="#upgrade">upgrade</a>`));
    expect(page).toMatch(/class="material material-locked material-upgrade"/);
    expect((await material(paid.material.id)).status).toBe(409);

    // The Upgrade button's form is protected like every other.
    const upgrade = `/me/courses/${freeStart.id}/upgrade`;
    expect((await browser.post(upgrade, {})).status).toBe(403);
    expect(count('checkout_orders')).toBe(0);

    const started = await browser.submit(`/me/courses/${freeStart.id}`, upgrade, {});
    expect(started.status).toBe(303);
    expect(started.location).toMatch(/^\/pay\/test\/ord_/);
    const paidAnswer = await browser.submit(started.location!, started.location!, { outcome: 'pay' });
    const orderPage = await browser.get(paidAnswer.location!);
    expect(orderPage.text).toContain('Your free start is upgraded');
    expect(orderPage.text).not.toContain('id="access-code"');
    const notice = catalog.db.prepare(`SELECT outcome FROM payment_notices WHERE event = 'payment.captured'`).get();
    expect(notice).toEqual({ outcome: 'upgraded' });

    // The same code, now a registration: the seat taken once, the material open.
    expect(resolveAccess(catalog, code!).enrolment.mode).toBe('paid');
    const rows = listRegistrations(catalog, { course: freeStart.id, student: 'leela@example.in' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mode: 'paid', amountPaise: 199900 });
    expect(catalog.courses.get(freeStart.id).registrations).toBe(1);
    expect((await material(paid.material.id)).location).toBe('https://example.org/glazing');
    expect((await browser.get(`/me/courses/${freeStart.id}`)).text).not.toContain('Upgrade for');
  });
});
