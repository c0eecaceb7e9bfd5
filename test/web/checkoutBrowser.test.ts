import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson, REPO_ROOT } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';
import { startStorefrontProcess } from './storefrontProcess.js';
import type { StorefrontProcess } from './storefrontProcess.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');
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
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
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
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
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
    await page.screenshot({ path: path.join(ARTIFACTS, 'checkout-test-payment.png'), fullPage: true });
    await page.getByRole('button', { name: 'Pay \u20B91,499' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/orders\/ord_/);
    const code = (await page.locator('#access-code').textContent())!.trim();
    expect(code).toMatch(/^acc_[0-9a-z]{24}$/);
    await noSeriousAxeViolations(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'checkout-confirmation.png'), fullPage: true });
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
    await page.screenshot({ path: path.join(ARTIFACTS, 'student-course.png'), fullPage: true });

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
    await page.screenshot({ path: path.join(ARTIFACTS, 'student-assessment.png'), fullPage: true });
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
