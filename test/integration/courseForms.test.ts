import { afterAll, describe, expect, it } from 'vitest';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { courseInput } from '../support/courseFactory.js';
import { checkoutServer } from '../web/checkoutServer.js';
import { csrfTokenIn, FormClient } from '../web/formClient.js';

const NOW = '2026-11-25T06:30:00Z';

/*
 * Register and Start free share one form route (src/web/courseForm.ts): a problem the student can
 * act on shows the form again, with what was typed kept; the payment pages share the order they
 * are for (src/web/orderToPay.ts). Real server, real SQLite file.
 */
describe('the course forms and payment pages on the website', async () => {
  const { catalog, server } = await checkoutServer({ now: NOW });
  afterAll(() => server.close());
  const count = (table: string) => (catalog.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it.each(['register', 'enrol'] as const)(
    '/courses/:id/%s: a bad email shows the form again (400) with the name kept and nothing written',
    async (action) => {
      const course = addCourse(catalog, courseInput({ price: '999', freeDays: '2' }));
      const browser = new FormClient(server.url);
      const before = [count('registrations'), count('checkout_orders')];
      const page = `/courses/${course.id}/${action}`;
      const answer = await browser.submit(page, page, { email: 'not an email', name: 'Asha Rao' });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(
        '<div class="notice notice-error" role="alert"><p><strong>email: &quot;not an email&quot; is not an email address</strong></p>',
      );
      expect(answer.text).toContain('e.g. asha@example.in');
      expect(answer.text).toContain('value="Asha Rao"');
      expect(answer.text).toContain(`action="${page}"`);
      expect([count('registrations'), count('checkout_orders')]).toEqual(before);
    },
  );

  it('Register for a course the student is on already: 409 on the form, told to sign in', async () => {
    const course = addCourse(catalog, courseInput({ price: '999' }));
    await registerStudent(catalog, { courseId: course.id, student: 'meera@example.in', amount: '999', paymentRef: 'pay_meera' });
    const page = `/courses/${course.id}/register`;
    const answer = await new FormClient(server.url).submit(page, page, { email: 'meera@example.in' });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain(`meera@example.in is already registered for &quot;${course.title}&quot;`);
    expect(answer.text).toContain('sign in at /me with your email and access code');
    expect(answer.text).toContain('value="meera@example.in"');
  });

  it('the test payment page: a hold that ran out refuses Pay as it refuses the page, and pays nothing', async () => {
    catalog.time.set(NOW);
    const course = addCourse(catalog, courseInput({ price: '999' }));
    const browser = new FormClient(server.url);
    const started = await browser.submit(`/courses/${course.id}/register`, `/courses/${course.id}/register`, { email: 'kiran@example.in' });
    expect(started.status).toBe(303);
    const payPage = started.location!;
    const token = csrfTokenIn((await browser.get(payPage)).text, payPage);
    catalog.time.set(Date.parse(NOW) + (catalog.config.payments.holdMinutes + 1) * 60_000);
    const paid = await browser.post(payPage, { _csrf: token, outcome: 'pay' });
    expect(paid.status).toBe(409);
    expect(paid.text).toContain('the price of this order was held until');
    expect(paid.text).toContain(`/courses/${course.id}/register`);
    expect(catalog.db.prepare('SELECT count(*) AS n FROM registrations WHERE course_id = ?').get(course.id)).toEqual({ n: 0 });
    expect(catalog.db.prepare('SELECT status FROM checkout_orders WHERE id = ?').get(payPage.split('/').pop())).toEqual({ status: 'open' });
  });
});
