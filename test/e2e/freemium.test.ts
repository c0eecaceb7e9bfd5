import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversion, CourseDetails, CourseSummary, EnrolmentCounts } from '../../src/domain/course.js';
import type { RegistrationView } from '../../src/domain/registration.js';
import { openDatabase } from '../../src/store/database.js';
import { RegistrationStore } from '../../src/store/registrationStore.js';
import { catalogJson, runCatalog, runCatalogAsync } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';

const BEFORE_START = '2026-11-25T06:30:00Z';
// Courses start on 2027-01-10 in Asia/Kolkata: day 3 begins at 2027-01-12T00:00+05:30 = 2027-01-11T18:30Z.
const LAST_FREE_MOMENT = '2027-01-11T18:29:59.999Z';
const DAY_3 = '2027-01-11T18:30:00.000Z';

interface EnrolJson {
  status: 'enrolled' | 'already-enrolled';
  accessCode: string | null;
  registration: RegistrationView;
  course: CourseSummary;
}

interface AccessJson {
  course: CourseSummary;
  mode: 'free' | 'paid';
  upgradeBy: string | null;
  materials: { id: string; open: boolean; needsUpgrade: boolean }[];
}

describe('free courses and free starts at the command line (end to end)', () => {
  const cwd = tempDirectory();
  const at = (instant: string) => ({ CATALOG_NOW: instant });
  const env = at(BEFORE_START);
  const run = (args: string[], when = env) => runCatalog(args, { cwd, env: when });
  const json = <T>(args: string[], when = env) => catalogJson<T>([...args, '--json'], { cwd, env: when });
  const addCourse = (extra: string[]) =>
    json<CourseDetails>([
      'course',
      'add',
      '--title',
      'Python in Ten Days',
      '--description',
      'Loops, functions and files.',
      '--teacher',
      'Arjun Rao',
      '--category',
      'python',
      '--start',
      '2027-01-10',
      '--end',
      '2027-01-19',
      '--no-input',
      ...extra,
    ]);
  function grants(id: string): number {
    const db = openDatabase(path.join(cwd, 'catalog.db'), { readonly: true });
    try {
      return new RegistrationStore(db).grantCount(id);
    } finally {
      db.close();
    }
  }

  beforeAll(() => {
    expect(run(['init']).code).toBe(0);
  });

  it('course add takes --price 0, --seats unlimited and --free-days, and JSON shows them', () => {
    const free = addCourse(['--price', '0', '--seats', 'unlimited']);
    expect(free).toMatchObject({ price: 0, listPrice: 0, seats: null, seatsLeft: null, freeDays: null, upgradeUntil: null });
    const freeStart = addCourse(['--price', '999', '--seats', '10', '--free-days', '2', '--upgrade-until-day', '4']);
    expect(freeStart).toMatchObject({
      freeDays: 2,
      upgradeUntilDay: 4,
      upgradeUntil: '2027-01-13',
      enrolments: { free: 0, paid: 0 },
      conversion: { freeStarts: 0, upgraded: 0, upgradeRate: null },
    });
    const refused = run(
      ['course', 'add', '--title', 'Free and free', '--description', 'x', '--teacher', 'A B', '--category', 'python'].concat([
        '--price',
        '0',
        '--start',
        '2027-01-10',
        '--end',
        '2027-01-19',
        '--seats',
        '5',
        '--free-days',
        '2',
        '--no-input',
      ]),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a free course has no free start');
    // Free courses are what --free finds; free starts what --free-start finds.
    const ids = (flag: string) => json<{ results: CourseSummary[] }>(['search', 'python', flag]).results.map((r) => r.id);
    expect(ids('--free')).toEqual([free.id]);
    expect(ids('--free-start')).toEqual([freeStart.id]);
  });

  it('register on a free course needs no payment; a payment reference there is a usage error', () => {
    const free = addCourse(['--price', '0', '--seats', '3']);
    const registered = json<{ status: string; accessCode: string; registration: RegistrationView }>([
      'register',
      free.id,
      '--student',
      'asha@example.in',
    ]);
    expect(registered).toMatchObject({ status: 'registered', registration: { mode: 'paid', amount: 0, paymentRef: null } });
    expect(registered.accessCode).toMatch(/^acc_/);
    const paying = run(['register', free.id, '--student', 'ravi@example.in', '--payment-ref', 'pay_1']);
    expect(paying.code).toBe(2);
    expect(paying.stderr).toContain('there is no payment to record');
    const paid = addCourse(['--price', '599', '--seats', '3']);
    const unpaid = run(['register', paid.id, '--student', 'ravi@example.in']);
    expect(unpaid.code).toBe(2);
    expect(unpaid.stderr).toContain('give the amount paid');
    expect(unpaid.stderr).toContain('--amount 599');
  });

  it('enrol: a paid course without a free start is exit 4 pointing at register; twice is harmless', () => {
    const paid = addCourse(['--price', '599', '--seats', '3']);
    const refused = run(['enrol', paid.id, '--student', 'asha@example.in']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('has no free start');
    expect(refused.stderr).toContain(`catalog register ${paid.id} --student EMAIL --amount 599 --payment-ref REF`);

    const course = addCourse(['--price', '999', '--seats', '10', '--free-days', '2']);
    const human = run(['enrol', course.id, '--student', 'kavya@example.in', '--name', 'Kavya']);
    expect(human.code).toBe(0);
    expect(human.stdout.trim()).toMatch(/^acc_\w{24}$/);
    expect(human.stderr).toContain('a free start (2 days free; upgrade with `catalog register` by 2027-01-12T23:59:59+05:30)');
    const again = json<EnrolJson>(['enrol', course.id, '--student', 'KAVYA@example.in']);
    expect(again).toMatchObject({ status: 'already-enrolled', accessCode: null, registration: { mode: 'free' } });
    expect(json<CourseDetails>(['course', 'show', course.id])).toMatchObject({
      registrations: 0,
      seatsLeft: 10,
      enrolments: { free: 1, paid: 0 },
      conversion: { freeStarts: 1, upgraded: 0, upgradeRate: 0 },
    });
  });

  it('the upgrade through register keeps the code; access show and registrations list tell mode and times', () => {
    const course = addCourse(['--price', '999', '--seats', '10', '--free-days', '2']);
    const enrolled = json<EnrolJson>(['enrol', course.id, '--student', 'meera@example.in']);
    const code = enrolled.accessCode!;
    expect(json<AccessJson>(['access', 'show', code])).toMatchObject({ mode: 'free', upgradeBy: '2027-01-12T23:59:59+05:30' });
    const listed = json<RegistrationView[]>(['registrations', 'list', '--course', course.id]);
    expect(listed).toEqual([
      expect.objectContaining({ mode: 'free', amount: 0, paymentRef: null, upgradedAt: null, upgradeBy: '2027-01-12T23:59:59+05:30' }),
    ]);

    // Upgraded on day 3, after the course started: the registration closes at the start, the upgrade does not.
    const upgraded = json<{ status: string; accessCode: string | null; registration: RegistrationView }>(
      ['register', course.id, '--student', 'meera@example.in', '--amount', '999', '--payment-ref', 'pay_meera'],
      at(DAY_3),
    );
    expect(upgraded).toMatchObject({
      status: 'upgraded',
      accessCode: null,
      registration: { id: enrolled.registration.id, mode: 'paid', amount: 999, upgradedAt: '2027-01-12T00:00:00+05:30', upgradeBy: null },
    });
    expect(json<AccessJson>(['access', 'show', code], at(DAY_3))).toMatchObject({ mode: 'paid', upgradeBy: null });
    expect(grants(course.id)).toBe(1);
    const table = run(['registrations', 'list', '--course', course.id, '--format', 'table'], at(DAY_3));
    expect(table.stdout).toContain('upgraded 2027-01-12 00:00');
    expect(table.stderr).toContain('1 paid · 0 free · 1 free start, 1 upgraded (100%)');
    const figures = json<{ enrolments: EnrolmentCounts; conversion: Conversion; courses: { courseId: string }[] }>(
      ['registrations', 'list', '--course', course.id, '--conversion'],
      at(DAY_3),
    );
    expect(figures).toEqual({
      enrolments: { free: 0, paid: 1 },
      conversion: { freeStarts: 1, upgraded: 1, upgradeRate: 1 },
      courses: [
        { courseId: course.id, courseTitle: 'Python in Ten Days', enrolments: { free: 0, paid: 1 }, conversion: figures.conversion },
      ],
    });
  });

  it('the N → N+1 boundary is exact at midnight in the catalogue zone, for materials and assessments alike', () => {
    const course = addCourse(['--price', '999', '--seats', '10', '--free-days', '2']);
    const note = path.join(cwd, 'note.md');
    fs.writeFileSync(note, 'Today we write loops.');
    const material = (day: string) =>
      json<{ id: string }>(['material', 'add', course.id, '--note', note, '--title', `Day ${day}`, '--opens-day', day]).id;
    const day2 = material('2');
    const day3 = material('3');
    const quiz = (day: number) => {
      const file = path.join(cwd, `quiz-${day}.yaml`);
      fs.writeFileSync(
        file,
        `title: Day ${day} quiz\nopensDay: ${day}\ndueDay: 9\nattempts: 0\nquestions:\n  - { id: q1, type: number, prompt: 2 + 2?, answer: 4 }\n`,
      );
      return json<{ id: string }>(['assessment', 'add', course.id, file]).id;
    };
    const quiz2 = quiz(2);
    const quiz3 = quiz(3);
    const answers = path.join(cwd, 'answers.json');
    fs.writeFileSync(answers, '{"q1": 4}');
    const free = json<EnrolJson>(['enrol', course.id, '--student', 'free@example.in']).accessCode!;
    const paid = json<{ accessCode: string }>([
      'register',
      course.id,
      '--student',
      'paid@example.in',
      '--amount',
      '999',
      '--payment-ref',
      'pay_b',
    ]).accessCode;
    const get = (code: string, id: string, when: string) => run(['access', 'get', code, id, '-o', '-'], at(when));
    const take = (code: string, id: string, when: string) => run(['assessment', 'take', code, id, '--answers', answers], at(when));

    // The last millisecond of day 2: the free days are open to both; day 3 opens to nobody yet.
    expect(get(free, day2, LAST_FREE_MOMENT).code).toBe(0);
    expect(take(free, quiz2, LAST_FREE_MOMENT).code).toBe(0);
    expect(get(paid, day3, LAST_FREE_MOMENT).code).toBe(4);
    expect(take(paid, quiz3, LAST_FREE_MOMENT).code).toBe(4);
    // Midnight: day 3 opens to the paid student, never to the free start; what it had stays open.
    expect(get(paid, day3, DAY_3).code).toBe(0);
    expect(take(paid, quiz3, DAY_3).code).toBe(0);
    const material3 = get(free, day3, DAY_3);
    expect(material3.code).toBe(4);
    expect(material3.stderr).toContain('"Day 3" is past the free start');
    expect(material3.stderr).toContain('catalog register');
    const quizRefused = take(free, quiz3, DAY_3);
    expect(quizRefused.code).toBe(4);
    expect(quizRefused.stderr).toContain(`assessment ${quiz3} is past the free start`);
    expect(get(free, day2, DAY_3).code).toBe(0);
    expect(take(free, quiz2, DAY_3).code).toBe(0);
    const shown = json<AccessJson>(['access', 'show', free], at(DAY_3));
    expect(shown.materials.map((m) => [m.id, m.open, m.needsUpgrade])).toEqual([
      [day2, true, false],
      [day3, false, true],
    ]);
  });

  it('thirty free students racing to upgrade into ten seats, as separate processes: exactly ten win', async () => {
    const course = addCourse(['--price', '999', '--seats', '10', '--free-days', '2']);
    const students = Array.from({ length: 30 }, (_, i) => `racer${i}@example.in`);
    const codes = await Promise.all(
      students.map(async (student) => {
        const result = await runCatalogAsync(['enrol', course.id, '--student', student, '--json'], { cwd, env });
        expect(result.code, result.stderr).toBe(0);
        return (JSON.parse(result.stdout) as EnrolJson).accessCode!;
      }),
    );
    expect(new Set(codes).size).toBe(30);
    const racers = await Promise.all(
      students.map((student, i) =>
        runCatalogAsync(['register', course.id, '--student', student, '--amount', '999', '--payment-ref', `pay_race_${i}`, '--json'], {
          cwd,
          env,
        }),
      ),
    );
    const won = racers.filter((r) => r.code === 0);
    expect(won).toHaveLength(10);
    for (const r of won) expect(JSON.parse(r.stdout)).toMatchObject({ status: 'upgraded', accessCode: null });
    for (const r of racers.filter((r) => r.code !== 0)) {
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain('sold out (all 10 seats are taken); the free enrolment keeps what it had');
      expect(r.stderr).not.toMatch(/SQLITE_BUSY|database is locked/i);
    }
    expect(json<CourseDetails>(['course', 'show', course.id])).toMatchObject({
      registrations: 10,
      seatsLeft: 0,
      enrolments: { free: 20, paid: 10 },
      conversion: { freeStarts: 30, upgraded: 10, upgradeRate: 0.3333 },
    });
    const listed = json<RegistrationView[]>(['registrations', 'list', '--course', course.id]);
    expect(listed.filter((r) => r.mode === 'paid')).toHaveLength(10);
    expect(listed.filter((r) => r.paymentRef !== null)).toHaveLength(10);
    // One grant per student, and every code still opens: the winners' whole course, the others' free days.
    expect(grants(course.id)).toBe(30);
    const modes = codes.map((code) => json<AccessJson>(['access', 'show', code]).mode);
    expect(modes.filter((mode) => mode === 'paid')).toHaveLength(10);
    expect(modes.filter((mode) => mode === 'free')).toHaveLength(20);
  });

  it('export and import carry free courses, unlimited seats, free starts and the enrolment counts, and round-trip', () => {
    for (const format of ['csv', 'json', 'ndjson']) {
      const exported = run(['export', '--format', format]);
      expect(exported.code).toBe(0);
      const target = tempDirectory();
      const file = path.join(target, `catalogue.${format}`);
      fs.writeFileSync(file, exported.stdout);
      const imported = runCatalog(['import', file, '--json'], { cwd: target, env });
      expect(imported.code, imported.stderr).toBe(0);
      const again = runCatalog(['export', '--format', format], { cwd: target, env });
      if (format === 'csv') expect(again.stdout).toBe(exported.stdout);
      else {
        const courses = (text: string) =>
          (format === 'json'
            ? (JSON.parse(text) as CourseDetails[])
            : text
                .trim()
                .split('\n')
                .map((line) => JSON.parse(line) as CourseDetails)
          )
            // An export carries no materials (only their counts) and no history (version, times).
            .map(({ version: _v, createdAt: _c, updatedAt: _u, modules: _m, materials: _n, previews: _p, ...rest }) => rest);
        expect(courses(again.stdout)).toEqual(courses(exported.stdout));
        expect(courses(again.stdout).some((c) => c.seats === null && c.price === 0)).toBe(true);
        expect(courses(again.stdout).some((c) => c.freeDays === 2 && c.enrolments.free === 20)).toBe(true);
      }
    }
  });
});
