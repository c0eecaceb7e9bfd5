import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson } from '../support/cliRunner.js';
import { artifactPath, launchChromium, requireChromium } from '../support/headlessChromium.js';
import { tempDirectory } from '../support/tempDirectory.js';
import { startStorefrontProcess } from './storefrontProcess.js';
import type { StorefrontProcess } from './storefrontProcess.js';

const DAY_MS = 86_400_000;
/** The catalogue's zone here (the default, Asia/Kolkata): UTC+05:30 all year. */
const IST_OFFSET_MS = 5.5 * 3_600_000;

/** A date `days` from today in India, as YYYY-MM-DD. */
const indianDate = (days: number) => new Date(Date.now() + IST_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
/** 00:00 in India on a date, as an instant. */
const indianMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - IST_OFFSET_MS;

async function noSeriousAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
  expect(serious, page.url()).toEqual([]);
}

describe('checkout and the student area in a real browser', () => {
  const cwd = tempDirectory();
  let server: StorefrontProcess;
  let browser: Browser;
  const cli = <T>(args: string[]) => catalogJson<T>([...args, '--json'], { cwd });
  const start = indianDate(10);
  const handout = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
  let courseId = '';

  beforeAll(async () => {
    requireChromium();
    // The real clock: the course starts in ten days, so it is on sale; what is released is released now.
    courseId = cli<{ id: string }>([
      'course',
      'add',
      '--title',
      'Kite Flying for Beginners',
      '--description',
      'Build, trim and fly a fighter kite.',
      '--teacher',
      'Meera Iyer',
      '--category',
      'crafts',
      '--price',
      '1499',
      '--start',
      start,
      '--end',
      indianDate(12),
      '--seats',
      '8',
    ]).id;
    cli(['module', 'add', courseId, '--title', 'Week 1']);
    fs.writeFileSync(path.join(cwd, 'kite-plans.bin'), handout);
    fs.writeFileSync(path.join(cwd, 'flying-log.bin'), Buffer.from('not yet'));
    cli(['material', 'add', courseId, 'kite-plans.bin', '--module', 'Week 1', '--title', 'Kite plans', '--opens-day', '0']);
    cli(['material', 'add', courseId, 'flying-log.bin', '--module', 'Week 1', '--title', 'Flying log', '--opens-day', '2']);
    fs.writeFileSync(
      path.join(cwd, 'quiz.yaml'),
      [
        'title: Before you fly',
        `opensAt: ${indianDate(-1)}`,
        `dueAt: ${indianDate(20)}`,
        'attempts: 2',
        'timeLimitMinutes: 10',
        'questions:',
        '  - { id: wind, type: single, prompt: Which wind suits a first flight?, choices: [None, Light and steady, Gusty], answer: Light and steady }',
        '  - { id: parts, type: multiple, prompt: Which are parts of a kite?, choices: [Spine, Bridle, Rudder], answer: [Spine, Bridle], points: 2 }',
        '  - { id: line, type: number, prompt: How many metres of line for a first flight (50)?, answer: 50 }',
        '  - { id: knot, type: text, prompt: Name the knot that ties the line to the bridle., answer: [lark, larks head] }',
      ].join('\n'),
    );
    cli(['assessment', 'add', courseId, 'quiz.yaml']);
    server = await startStorefrontProcess(cwd);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('search → course → Register → test payment → access code → sign in → material → when the next opens → assessment → grade', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('#q').pressSequentially('kite flying', { delay: 20 });
    await page.getByRole('link', { name: 'Kite Flying for Beginners' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/courses/${courseId}`);

    await page.getByRole('link', { name: 'Register' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/courses/${courseId}/register`);
    await noSeriousAxeViolations(page);
    await page.getByLabel('Email address').fill('Asha.Rao@example.in');
    await page.getByLabel('Your name').fill('Asha Rao');
    await page.getByRole('button', { name: 'Continue to payment' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/pay\/test\/ord_/);
    expect(await page.locator('.test-banner').textContent()).toContain('TEST MODE');
    await noSeriousAxeViolations(page);
    await page.screenshot({ path: artifactPath('checkout-test-payment.png'), fullPage: true });
    await page.getByRole('button', { name: 'Pay \u20B91,499' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/orders\/ord_/);
    const code = (await page.locator('#access-code').textContent())!.trim();
    expect(code).toMatch(/^acc_[0-9a-z]{24}$/);
    await noSeriousAxeViolations(page);
    await page.screenshot({ path: artifactPath('checkout-confirmation.png'), fullPage: true });
    // The same code as the CLI knows: `catalog access show` opens this course with it.
    expect(cli<{ course: { id: string } }>(['access', 'show', code]).course.id).toBe(courseId);
    // Shown once: a reload no longer has it.
    await page.reload();
    expect(await page.locator('#access-code').count()).toBe(0);

    await page.getByRole('link', { name: 'Sign in to your course' }).click();
    expect(await page.getByLabel('Email address').inputValue()).toBe('asha.rao@example.in');
    await noSeriousAxeViolations(page);
    await page.getByLabel('Access code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/me/courses/${courseId}`);
    await noSeriousAxeViolations(page);

    // A released material downloads, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Kite plans' }).click()]);
    expect(download.suggestedFilename()).toBe('kite-plans.bin');
    expect(fs.readFileSync((await download.path())!).equals(handout)).toBe(true);
    // One not released yet says exactly when it opens: 00:00 on day 2, in the catalogue's zone.
    const locked = page.locator('.material-locked', { hasText: 'Flying log' });
    expect(await locked.getByRole('link').count()).toBe(0);
    const opensAt = indianMidnight(indianDate(11));
    expect(await locked.locator('time').getAttribute('datetime')).toBe(new Date(opensAt).toISOString());
    expect(await locked.locator('time').textContent()).toMatch(/12:00\s?am IST/i);
    await page.screenshot({ path: artifactPath('student-course.png'), fullPage: true });

    // The assessment: start, the time counting down, answers, hand in, the grade.
    await page.getByRole('link', { name: 'Before you fly' }).click();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    const timer = page.locator('[data-deadline-in]');
    const first = await timer.textContent();
    expect(first).toMatch(/^(10:00|9:5\d)$/);
    await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(first);
    await noSeriousAxeViolations(page);
    await page.getByLabel('Light and steady').check();
    await page.getByLabel('Spine').check();
    await page.getByLabel('Rudder').check();
    await page.getByLabel('Your answer to question', { exact: false }).first().waitFor();
    await page.locator('[data-question="line"] input').fill('50');
    await page.locator('[data-question="knot"] input').fill("  Lark's head ".replace("'s", 's'));
    await page.screenshot({ path: artifactPath('student-assessment.png'), fullPage: true });
    await page.getByRole('button', { name: 'Hand in' }).click();
    // wind 1 + parts 0 (a wrong choice picked, all or nothing) + line 1 + knot 1 = 3 of 5.
    await expect.poll(() => page.locator('#attempt-result').textContent()).toContain('Attempt 1 handed in: 3 / 5 (60%)');
    expect(await page.locator('#attempt-result').textContent()).toContain('1 attempt left.');
    expect(await page.locator('#assessment-grade').textContent()).toContain('3 / 5 (60%), passed');
    await page.getByRole('link', { name: 'Kite Flying for Beginners' }).click();
    expect(await page.locator('tr[data-assessment] .grade').textContent()).toBe('3 / 5 (60%), passed');
    expect(await page.locator('#course-grade').textContent()).toContain('60%');
    // The CLI's gradebook has the same attempt.
    const grades = cli<{ students: { email: string }[] }>(['grades', courseId]);
    expect(JSON.stringify(grades)).toContain('asha.rao@example.in');
    await context.close();
  });
});

describe('a free start in a real browser: enrol, the upgrade, the same code', () => {
  const cwd = tempDirectory();
  // The course starts on 10 Jan 2027 in India with one free day. Enrolling happens the day before
  // it starts; the paid material opens on day 2 (00:00 on 11 Jan), when the student comes back.
  const BEFORE_START = { CATALOG_NOW: '2027-01-09T12:00:00Z' };
  const ON_DAY_2 = { CATALOG_NOW: '2027-01-10T20:00:00Z' };
  const cli = <T>(args: string[], env = BEFORE_START) => catalogJson<T>([...args, '--json'], { cwd, env });
  const freeHandout = Buffer.from(Array.from({ length: 5_000 }, (_, i) => (i * 31) % 256));
  const paidHandout = Buffer.from(Array.from({ length: 9_000 }, (_, i) => (i * 17 + 3) % 256));
  let servers: StorefrontProcess[] = [];
  let browser: Browser;
  let courseId = '';

  beforeAll(async () => {
    courseId = cli<{ id: string }>([
      ...['course', 'add', '--title', 'Pottery at Home', '--description', 'Pinch, coil and glaze.', '--teacher', 'Kavya Iyer'],
      ...['--category', 'crafts', '--price', '1999', '--start', '2027-01-10', '--end', '2027-01-20', '--seats', '5', '--free-days', '1'],
    ]).id;
    cli(['module', 'add', courseId, '--title', 'Week 1']);
    fs.writeFileSync(path.join(cwd, 'pinch-pots.bin'), freeHandout);
    fs.writeFileSync(path.join(cwd, 'glazing.bin'), paidHandout);
    cli(['material', 'add', courseId, 'pinch-pots.bin', '--module', 'Week 1', '--title', 'Pinch pots', '--opens-day', '0']);
    cli(['material', 'add', courseId, 'glazing.bin', '--module', 'Week 1', '--title', 'Glazing', '--opens-day', '2']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.stop();
  });

  it('enrol → open the free material → the paid one asks for the upgrade → upgrade through the test provider → it opens, same code', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const download = async (title: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: title }).click()]);
      return fs.readFileSync((await file.path())!);
    };
    const signIn = async (code: string) => {
      await page.getByLabel('Access code').fill(code);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/me/courses/${courseId}`);
    };

    const before = await startStorefrontProcess(cwd, BEFORE_START);
    servers.push(before);
    await page.goto(`${before.url}/courses/${courseId}`);
    await page.getByRole('link', { name: 'Start free' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/courses/${courseId}/enrol`);
    await noSeriousAxeViolations(page);
    await page.getByLabel('Email address').fill('Dev.Patel@example.in');
    await page.getByLabel('Your name').fill('Dev Patel');
    await page.getByRole('button', { name: 'Start free' }).click();
    const code = (await page.locator('#access-code').textContent())!.trim();
    expect(code).toMatch(/^acc_[0-9a-z]{24}$/);
    await noSeriousAxeViolations(page);
    await page.getByRole('link', { name: 'Sign in to your course' }).click();
    expect(await page.getByLabel('Email address').inputValue()).toBe('dev.patel@example.in');
    await signIn(code);

    // The free day's material opens, byte for byte; the paid one asks for the upgrade, with its deadline.
    expect((await download('Pinch pots')).equals(freeHandout)).toBe(true);
    const glazing = page.locator('.material-upgrade', { hasText: 'Glazing' });
    expect(await glazing.getByRole('link', { name: 'Glazing' }).count()).toBe(0);
    expect(await glazing.textContent()).toContain('Needs the upgrade');
    // Upgrade by the end of day 2 (12 Jan 2027, 00:00 IST is 18:30 UTC on 11 Jan), shown as its last minute.
    expect(await page.locator('#upgrade-deadline time').getAttribute('datetime')).toBe('2027-01-11T18:29:59.999Z');
    expect(await page.locator('#upgrade-deadline').textContent()).toMatch(/11:59\s?pm IST/i);
    await noSeriousAxeViolations(page);
    await page.screenshot({ path: artifactPath('student-free-start.png'), fullPage: true });
    await before.stop();
    servers = servers.filter((s) => s !== before);

    // Day 2: the student comes back (the session idled out overnight) and signs in with the same code.
    const later = await startStorefrontProcess(cwd, ON_DAY_2);
    servers.push(later);
    await page.goto(`${later.url}/me/courses/${courseId}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/me');
    await page.getByLabel('Email address').fill('dev.patel@example.in');
    await signIn(code);
    expect(await page.locator('.material-upgrade', { hasText: 'Glazing' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Upgrade for \u20B91,999' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/pay\/test\/ord_/);
    expect(await page.locator('.test-banner').textContent()).toContain('TEST MODE');
    await page.getByRole('button', { name: 'Pay \u20B91,999' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/orders\/ord_/);
    expect(await page.locator('#upgrade-done').textContent()).toContain('Your access code stays the same');
    expect(await page.locator('#access-code').count()).toBe(0);
    await noSeriousAxeViolations(page);
    await page.getByRole('link', { name: 'Back to your course' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/me/courses/${courseId}`);
    expect((await download('Glazing')).equals(paidHandout)).toBe(true);
    expect(await page.locator('#upgrade').count()).toBe(0);
    // The same code, now for the whole course, as the CLI sees it.
    const access = cli<{ mode: string; course: { id: string } }>(['access', 'show', code], ON_DAY_2);
    expect(access).toMatchObject({ mode: 'paid', course: { id: courseId } });
    await context.close();
  });
});
