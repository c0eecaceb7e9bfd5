import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson, runCatalog, runCatalogAsync } from '../support/cliRunner.js';
import { artifactPath, launchChromium, requireChromium } from '../support/headlessChromium.js';
import { tempDirectory } from '../support/tempDirectory.js';
import { startStorefrontProcess } from './storefrontProcess.js';
import type { StorefrontProcess } from './storefrontProcess.js';

interface SearchJson {
  total: number;
  results: { id: string; title: string }[];
}

describe('the storefront in a real browser', () => {
  const cwd = tempDirectory();
  let server: StorefrontProcess;
  let browser: Browser;
  let lanterns: { id: string; listPrice: number };
  const api = async (params: Record<string, string>): Promise<SearchJson> =>
    (await (await fetch(`${server.url}/api/search?${new URLSearchParams(params)}`)).json()) as SearchJson;
  const summary = (page: Page) => page.locator('#summary');

  beforeAll(async () => {
    requireChromium();
    // The real clock: live updates and time boundaries happen as they would for a student.
    expect(runCatalog(['seed', '--courses', '300', '--seed', '5'], { cwd }).code).toBe(0);
    lanterns = catalogJson(
      [
        'course',
        'add',
        '--title',
        'Paper Lantern Making',
        '--description',
        'Fold, glue and light paper lanterns.',
        '--teacher',
        'Meera Iyer',
        '--category',
        'crafts',
        '--price',
        '1499',
        '--start',
        '2031-03-02',
        '--end',
        '2031-03-04',
        '--seats',
        '2',
        '--json',
      ],
      { cwd },
    );
    server = await startStorefrontProcess(cwd);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('searches as you type; filters, sorts and pages live in the address; Back walks back through them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    const everything = await api({});
    await expect.poll(() => summary(page).textContent()).toBe(`Showing 1\u201310 of ${everything.total} courses`);

    // Typing alone searches: no Enter, no button.
    await page.locator('#q').pressSequentially('baking', { delay: 30 });
    const baking = await api({ q: 'baking' });
    expect(baking.total).toBeGreaterThan(20);
    await expect.poll(() => summary(page).textContent()).toBe(`Showing 1\u201310 of ${baking.total} courses`);
    expect(new URL(page.url()).search).toBe('?q=baking');

    await page.getByLabel('Only courses with seats left').check();
    const available = await api({ q: 'baking', available: '1' });
    await expect.poll(() => summary(page).textContent()).toBe(`Showing 1\u201310 of ${available.total} courses`);
    expect(new URL(page.url()).search).toBe('?q=baking&available=1');

    await page.getByLabel('Sort by').selectOption('price');
    const byPrice = await api({ q: 'baking', available: '1', sort: 'price' });
    await expect.poll(() => page.locator('.course-card h3').first().textContent()).toBe(byPrice.results[0]!.title);
    expect(new URL(page.url()).search).toBe('?q=baking&available=1&sort=price');

    await page.getByRole('link', { name: 'Next' }).click();
    const second = await api({ q: 'baking', available: '1', sort: 'price', page: '2' });
    await expect.poll(() => page.locator('.course-card h3').first().textContent()).toBe(second.results[0]!.title);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => summary(page).textContent()).toBe(`Showing 11\u201320 of ${available.total} courses`);
    await page.screenshot({ path: artifactPath('search.png'), fullPage: true });

    await page.goBack();
    await expect.poll(() => page.locator('.course-card h3').first().textContent()).toBe(byPrice.results[0]!.title);
    expect(new URL(page.url()).search).toBe('?q=baking&available=1&sort=price');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Sort by').inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Only courses with seats left').isChecked()).toBe(false);
    await expect.poll(() => summary(page).textContent()).toBe(`Showing 1\u201310 of ${baking.total} courses`);
    expect(await page.locator('#q').inputValue()).toBe('baking');
    await page.close();
  });

  it('opens a course and shows a sale and a sell-out made in another terminal, without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/?q=lantern`);
    await page.getByRole('link', { name: 'Paper Lantern Making' }).click();
    await page.waitForURL(`${server.url}/courses/${lanterns.id}`);
    await expect.poll(() => page.locator('.action').textContent()).toContain('Register');
    await page.evaluate('window.stillTheSamePage = true');

    const sale = await runCatalogAsync(['course', 'sale', lanterns.id, '--price', '999', '--until', '2031-02-01'], { cwd });
    expect(sale.code, sale.stderr).toBe(0);
    const price = page.locator('[data-live="price"]');
    await expect.poll(() => price.textContent()).toBe('\u20B9999 list price \u20B91,499');
    await expect.poll(() => page.locator('[data-live="sale"]').textContent()).toBe('Sale price until 1 Feb 2031, 11:59 pm IST');

    for (const student of ['asha', 'ravi']) {
      const registered = await runCatalogAsync(
        ['register', lanterns.id, '--student', `${student}@example.in`, '--amount', '999', '--payment-ref', `pay_${student}`],
        { cwd },
      );
      expect(registered.code, registered.stderr).toBe(0);
    }
    await expect.poll(() => page.locator('[data-live="seats"]').textContent()).toBe('No seats left');
    await expect.poll(() => page.locator('.action .button').textContent()).toBe('Sold out');
    expect(await page.evaluate('window.stillTheSamePage')).toBe(true);
    await page.screenshot({ path: artifactPath('course.png'), fullPage: true });
    await page.close();
  });

  it('can be used with the keyboard alone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('q');
    await page.keyboard.type('yoga');
    const yoga = await api({ q: 'yoga' });
    await expect.poll(() => summary(page).textContent()).toBe(`Showing 1\u201310 of ${yoga.total} courses`);
    // Through the filters to the first result, then open it.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate("document.activeElement?.matches('.course-card h3 a') ?? false")) === true;
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/courses/${yoga.results[0]!.id}`);
    await page.close();
  });

  it('has no serious accessibility problems (axe-core) on the search, course and error pages', async () => {
    // axe-core wants a page of a context of its own.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    for (const address of ['/?q=baking&sort=price', `/courses/${lanterns.id}`, '/courses/crs_nosuchthing', '/?maxPrice=cheap']) {
      await page.goto(`${server.url}${address}`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(serious, address).toEqual([]);
    }
    await page.goto(`${server.url}/courses/${lanterns.id}`);
    await page.screenshot({ path: artifactPath('course-mobile.png'), fullPage: true });
    await context.close();
  });

  it('works without JavaScript: the form and links are real', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('#q').fill('python');
    await page.getByLabel('Sort by').selectOption('price');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=python/);
    const python = await api({ q: 'python', sort: 'price' });
    expect(await summary(page).textContent()).toBe(`Showing 1\u201310 of ${python.total} courses`);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    expect(await page.locator('.course-card h3').first().textContent()).toBe(
      (await api({ q: 'python', sort: 'price', page: '2' })).results[0]!.title,
    );
    await context.close();
  });
});
