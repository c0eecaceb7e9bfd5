import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson, REPO_ROOT, runCatalog } from '../support/cliRunner.js';
import { eventually } from '../support/eventually.js';
import { tempDirectory } from '../support/tempDirectory.js';
import { apiUrl, cliArgsFor, getJson, PARITY_SEARCHES } from './searchParity.js';
import { openEventStream, startStorefrontProcess } from './storefrontProcess.js';
import type { StorefrontProcess } from './storefrontProcess.js';

// ajv-formats is CommonJS whose default export TypeScript cannot see through an ES import.
const addFormats = createRequire(import.meta.url)('ajv-formats') as typeof import('ajv-formats').default;

const NOW = '2026-11-25T06:30:00Z';

describe('catalog serve: the JSON API on the embedded index', () => {
  const cwd = tempDirectory();
  const env = { CATALOG_NOW: NOW };
  let server: StorefrontProcess;
  let openapi: Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const expectSchema = (schema: string, value: unknown) => {
    const validate = ajv.getSchema(`openapi.json#/components/schemas/${schema}`)!;
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  };

  beforeAll(async () => {
    expect(runCatalog(['seed', '--courses', '400', '--seed', '11'], { cwd, env }).code).toBe(0);
    server = await startStorefrontProcess(cwd, env);
    openapi = (await getJson(`${server.url}/api/openapi.json`)).body as Record<string, unknown>;
    ajv.addSchema({ ...openapi, $id: 'openapi.json' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers every search exactly as `catalog search --json` does', async () => {
    for (const params of PARITY_SEARCHES) {
      const api = await getJson(apiUrl(server.url, '/api/search', params));
      const cli = catalogJson(cliArgsFor(params), { cwd, env });
      expect(api.status, JSON.stringify(params)).toBe(200);
      expect(api.body, JSON.stringify(params)).toEqual(cli);
      expectSchema('SearchResult', api.body);
    }
    // Not a vacuous comparison: the searches found courses.
    const found = await getJson(apiUrl(server.url, '/api/search', { q: 'baking' }));
    expect((found.body as { total: number }).total).toBeGreaterThan(0);
  });

  it('answers a course as `catalog course show --json` does less the staff-only fields, and 404 for unknown ids and drafts', async () => {
    const listed = catalogJson<{ id: string; status: string }[]>(['course', 'list', '--all', '--json'], { cwd, env });
    const published = listed.find((course) => course.status === 'published')!;
    const api = await getJson(`${server.url}/api/courses/${published.id}`);
    expect(api.status).toBe(200);
    const { externalId, conversion, ...shown } = catalogJson<Record<string, unknown>>(['course', 'show', published.id, '--json'], {
      cwd,
      env,
    });
    expect(conversion, 'the admin view has the conversion figures').toBeDefined();
    expect(externalId).not.toBeUndefined();
    expect(api.body).toEqual(shown);
    expect(api.body).not.toHaveProperty('conversion');
    expect(api.body).not.toHaveProperty('externalId');
    expectSchema('CourseDetails', api.body);

    const missing = await getJson(`${server.url}/api/courses/crs_nosuchthing`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found', message: 'no course with id crs_nosuchthing' } });
    expectSchema('Error', missing.body);

    const draft = listed.find((course) => course.status === 'draft');
    expect(draft, 'the seed makes some drafts').toBeDefined();
    const hidden = await getJson(`${server.url}/api/courses/${draft!.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ error: { code: 'not_found', message: `no course with id ${draft!.id}` } });
  });

  it('free courses and free starts: found as the CLI finds them, shown as such, and described by the OpenAPI document', async () => {
    type Found = { total: number; results: { id: string; price: number; freeDays: number | null; upgradeUntil: string | null }[] };
    const free = (await getJson(apiUrl(server.url, '/api/search', { free: '1', limit: '100' }))).body as Found;
    const freeStart = (await getJson(apiUrl(server.url, '/api/search', { freeStart: 'yes', limit: '100' }))).body as Found;
    expect(free).toEqual(catalogJson(['search', '--free', '--limit', '100', '--json'], { cwd, env }));
    expect(freeStart).toEqual(catalogJson(['search', '--free-start', '--limit', '100', '--json'], { cwd, env }));
    // The seed makes about 8% of courses free and some start free: neither search is vacuous.
    expect(free.total).toBeGreaterThan(0);
    expect(freeStart.total).toBeGreaterThan(0);
    expect(free.results.every((course) => course.price === 0)).toBe(true);
    expect(freeStart.results.every((course) => course.freeDays !== null && course.upgradeUntil !== null)).toBe(true);

    const course = freeStart.results[0]!;
    const details = await getJson(`${server.url}/api/courses/${course.id}`);
    const {
      externalId: _externalId,
      conversion: _conversion,
      ...shown
    } = catalogJson<Record<string, unknown>>(['course', 'show', course.id, '--json'], { cwd, env });
    expect(details.body).toEqual(shown);
    expectSchema('CourseDetails', details.body);
    const page = await (await fetch(`${server.url}/courses/${course.id}`)).text();
    expect(page).toContain(`First ${course.freeDays} ${course.freeDays === 1 ? 'day' : 'days'} free`);
    const freePage = await (await fetch(`${server.url}/courses/${free.results[0]!.id}`)).text();
    expect(freePage).toMatch(/<span class="price-now">Free<\/span>/);

    // The search page ticks the boxes the address asks for, without JavaScript.
    const form = await (await fetch(`${server.url}/?free=1&freeStart=0`)).text();
    expect(form).toMatch(/<input form="search" id="free" name="free" type="checkbox" value="1" checked>/);
    expect(form).toMatch(/<input form="search" id="freeStart" name="freeStart" type="checkbox" value="1">/);
    expect(form).toContain(`of ${free.total} courses`);
  });

  it('refuses bad parameters with 400, naming the parameter the way it was written, and a hint', async () => {
    const cases: [Record<string, string> | string, RegExp][] = [
      [{ maxPrice: 'cheap' }, /^maxPrice "cheap" is not an amount in rupees$/],
      [{ minPrice: '900', maxPrice: '100' }, /^minPrice is above maxPrice$/],
      [{ month: 'someday' }, /^month "someday" is not a month$/],
      [{ from: '2027-02-30' }, /^from "2027-02-30" is not a real date$/],
      [{ sort: 'relevance' }, /^sort relevance needs search text$/],
      [{ sort: 'cheapest' }, /^sort "cheapest" is not a sort$/],
      [{ order: 'up' }, /^order "up" is not an order$/],
      [{ page: '0' }, /^page must be a whole number from 1 to/],
      [{ limit: '500' }, /^limit must be a whole number from 1 to 100$/],
      [{ available: 'maybe' }, /^available "maybe" is not yes or no$/],
      [{ free: 'maybe' }, /^free "maybe" is not yes or no$/],
      [{ freeStart: '2' }, /^freeStart "2" is not yes or no$/],
      ['q=a&q=b', /^q is given 2 times$/],
    ];
    for (const [params, message] of cases) {
      const url = typeof params === 'string' ? `${server.url}/api/search?${params}` : apiUrl(server.url, '/api/search', params);
      const answer = await getJson(url);
      expect(answer.status, url).toBe(400);
      expectSchema('Error', answer.body);
      const { error } = answer.body as { error: { code: string; message: string; hint?: string } };
      expect(error.code).toBe('bad_request');
      expect(error.message, url).toMatch(message);
      expect(error.hint, url).toBeTruthy();
      expect(error.message + error.hint).not.toMatch(/--[a-z]/);
    }
    const hint = (await getJson(apiUrl(server.url, '/api/search', { maxPrice: 'cheap' }))).body as { error: { hint: string } };
    expect(hint.error.hint).toBe('write it like maxPrice=599 or maxPrice=599.50');
  });

  it('is read-only: no route takes a write, unknown addresses are JSON 404s, bodies are capped', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(`${server.url}/api/search`, {
        method,
        ...(method !== 'DELETE' && { body: '{}', headers: { 'content-type': 'application/json' } }),
      });
      expect(response.status, method).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const big = await fetch(`${server.url}/api/search`, {
      method: 'POST',
      body: 'x'.repeat(64 * 1024),
      headers: { 'content-type': 'text/plain' },
    });
    expect([404, 413]).toContain(big.status);
    const unknown = await getJson(`${server.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found', message: 'no such address: GET /api/nothing-here' } });
  });

  it('sends security headers: a CSP without inline scripts, no framing, no sniffing, a referrer policy', async () => {
    for (const path of ['/', '/api/search', '/nothing']) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('pages: the search page works without JavaScript, unknown courses get a 404 page, no internals ever show', async () => {
    const page = await fetch(`${server.url}/?q=baking&sort=price`);
    expect(page.status).toBe(200);
    const text = await page.text();
    const api = catalogJson<{ total: number; results: { title: string }[] }>(cliArgsFor({ q: 'baking', sort: 'price' }), { cwd, env });
    expect(text).toContain(`of ${api.total} courses`);
    expect(text).toContain(api.results[0]!.title.replaceAll('&', '&amp;'));
    expect(text).not.toMatch(/<script>|onclick=|style="/);

    const bad = await fetch(`${server.url}/?maxPrice=cheap`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('maxPrice &quot;cheap&quot; is not an amount in rupees');

    const missing = await fetch(`${server.url}/courses/crs_nosuchthing`);
    expect(missing.status).toBe(404);
    const missingText = await missing.text();
    expect(missingText).toContain('Page not found');
    expect(missingText).not.toMatch(/\bat .*\.(c?js|ts):\d+/);
  });

  it('search page: category and price band facets with the counts the API gives, and a band link finds that many', async () => {
    const api = await getJson(apiUrl(server.url, '/api/search', { q: 'course', facets: '1' }));
    const facets = (api.body as { facets: { category: { value: string; count: number }[]; price: { value: string; count: number }[] } })
      .facets;
    expect(facets.price.length).toBeGreaterThan(1);
    const text = await (await fetch(`${server.url}/?q=course`)).text();
    const bands = [...text.matchAll(/<li>(?:<a href="([^"]*)"[^>]*>|<span class="empty-band">)[^<]*<span class="count">(\d+)<\/span>/g)];
    expect(bands.map((band) => Number(band[2]))).toEqual(facets.price.map((band) => band.count));
    for (const category of facets.category) expect(text).toContain(`${category.value} <span class="count">${category.count}</span>`);

    const [href, count] = bands
      .filter((band) => band[1] && Number(band[2]) > 0)
      .map((band) => [band[1]!.replaceAll('&amp;', '&'), Number(band[2])] as const)[1]!;
    const followed = await fetch(`${server.url}${href}`);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toMatch(new RegExp(`of ${count} courses?<`));
  });

  it('reports health and readiness', async () => {
    expect((await getJson(`${server.url}/healthz`)).body).toEqual({ status: 'ok' });
    const ready = await getJson(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', sqlite: 'ok' } });
  });

  it('logs one line per request without secret-looking parameter values', async () => {
    await fetch(`${server.url}/api/search?q=yoga&token=SECRET-abc123`);
    await eventually(() => /GET \/api\/search\?q=yoga&token=\*\*\* 200/.test(server.log()), { what: 'the request log line' });
    expect(server.log()).not.toContain('SECRET-abc123');
  });

  it('streams a change made by another process to the page that follows the course, and resumes after a reconnect', async () => {
    const course = catalogJson<{ id: string; listPrice: number }>(
      [
        'course',
        'add',
        '--title',
        'Live Update Pottery',
        '--description',
        'Wheel and glaze.',
        '--teacher',
        'Asha Rao',
        '--category',
        'pottery',
        '--price',
        '1500',
        '--start',
        '2027-06-01',
        '--end',
        '2027-06-05',
        '--seats',
        '5',
        '--json',
      ],
      { cwd, env },
    );
    const other = catalogJson<{ id: string }>(['search', '--limit', '1', '--json'], { cwd, env }) as unknown as {
      results: { id: string }[];
    };
    const stream = await openEventStream(`${server.url}/api/events?course=${course.id}`);
    catalogJson(['course', 'price', other.results[0]!.id, '777', '--json'], { cwd, env });
    catalogJson(['course', 'price', course.id, '1299', '--json'], { cwd, env });
    type Change = { courseId: string; course: { price: number }; parts: Record<string, string> };
    const changes = () => stream.events.filter((e) => e.event === 'course').map((e) => ({ e, data: JSON.parse(e.data) as Change }));
    // A stream starts at the server's last read of the outbox, so on a slow machine the course's
    // creation, committed just before, may come first: the price change is the one to wait for.
    const { e: event, data } = await eventually(() => changes().find((change) => change.data.course.price === 1299), {
      what: 'the price change event',
    });
    expect(data.courseId).toBe(course.id);
    expect(data.parts.price).toContain('\u20B91,299');
    expectSchema('CourseEvent', data);
    // Only the followed course: the other one's change did not come here.
    expect(changes().every((change) => change.data.courseId === course.id)).toBe(true);
    stream.close();

    // Resume from that event: the changes since are replayed, nothing before it.
    catalogJson(['course', 'price', course.id, '1199', '--json'], { cwd, env });
    const resumed = await openEventStream(`${server.url}/api/events?course=${course.id}`, { 'last-event-id': event.id! });
    const replayed = await eventually(() => resumed.events.find((e) => e.event === 'course'), { what: 'the replayed change' });
    expect((JSON.parse(replayed.data) as { course: { price: number } }).course.price).toBe(1199);
    resumed.close();

    // A position this server never wrote (or one pruned away) asks the page to reload.
    const lost = await openEventStream(`${server.url}/api/events?course=${course.id}`, { 'last-event-id': 'garbage' });
    await eventually(() => lost.events.find((e) => e.event === 'reload'), { what: 'a reload event' });
    lost.close();
  });

  it('shows a course page with its modules, material titles, openable previews and the assessments schedule', async () => {
    const course = catalogJson<{ id: string }>(
      [
        'course',
        'add',
        '--title',
        'Python Outline',
        '--description',
        'Loops.',
        '--teacher',
        'Priya Sharma',
        '--category',
        'python',
        '--price',
        '999',
        '--start',
        '2027-10-04',
        '--end',
        '2027-10-13',
        '--seats',
        '20',
        '--json',
      ],
      { cwd, env },
    );
    const files = tempDirectory();
    fs.writeFileSync(path.join(files, 'welcome.md'), '# Welcome\n\nRead this <first>.\n');
    fs.writeFileSync(path.join(files, 'syllabus.txt'), 'Week 1: loops\n');
    fs.writeFileSync(path.join(files, 'page.html'), '<script>alert(1)</script>');
    const add = (...args: string[]) => catalogJson<{ id: string }>(['material', 'add', course.id, ...args, '--json'], { cwd, env });
    expect(runCatalog(['module', 'add', course.id, '--title', 'Week 1'], { cwd, env }).code).toBe(0);
    const note = add('--note', path.join(files, 'welcome.md'), '--module', 'Week 1', '--preview');
    const syllabus = add(path.join(files, 'syllabus.txt'), '--title', 'Syllabus', '--module', 'Week 1', '--preview');
    const page = add(path.join(files, 'page.html'), '--title', 'Uploaded page', '--preview');
    const locked = add(path.join(files, 'syllabus.txt'), '--title', 'Solutions', '--opens-day', '5');
    const assessment = runCatalog(['assessment', 'add', course.id, path.join(REPO_ROOT, 'fixtures/assessments/week-1-check.yaml')], {
      cwd,
      env,
    });
    expect(assessment.code, assessment.stderr).toBe(0);

    const html = await (await fetch(`${server.url}/courses/${course.id}`)).text();
    for (const text of [
      'What you get',
      'Week 1',
      'Welcome',
      'Syllabus',
      'Solutions',
      'Assessments',
      'Week 1 check',
      '4 questions',
      '2 attempts',
    ])
      expect(html, text).toContain(text);
    expect(html).toContain(`href="/courses/${course.id}/previews/${note.id}"`);
    expect(html).not.toContain(`/previews/${locked.id}`);

    const noteAnswer = await fetch(`${server.url}/courses/${course.id}/previews/${note.id}`);
    expect(noteAnswer.status).toBe(200);
    expect(await noteAnswer.text()).toContain('Read this &lt;first&gt;.');
    const file = await fetch(`${server.url}/courses/${course.id}/previews/${syllabus.id}`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('Week 1: loops\n');
    expect(file.headers.get('content-disposition')).toBe('inline; filename="syllabus.txt"; filename*=UTF-8\'\'syllabus.txt');
    expect(file.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    // An uploaded page can never run in the storefront's origin: downloaded, sandboxed.
    const uploaded = await fetch(`${server.url}/courses/${course.id}/previews/${page.id}`);
    expect(uploaded.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(uploaded.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    // Not a preview: only students with access open it (the student area), never this route.
    expect((await fetch(`${server.url}/courses/${course.id}/previews/${locked.id}`)).status).toBe(404);
  });

  it('refuses to follow too many courses on one stream', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `crs_${i}`).join(',');
    const answer = await getJson(`${server.url}/api/events?course=${ids}`);
    expect(answer.status).toBe(400);
    expect((answer.body as { error: { message: string } }).error.message).toMatch(/^course names 101 courses/);
  });
});

describe('catalog serve: limits, time boundaries and shutdown', () => {
  const cwd = tempDirectory();
  let server: StorefrontProcess | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('ends a sale on open pages at its time with no command run, and on SIGTERM closes its streams and exits 0', async () => {
    // The real clock: the sale must end while the stream is open.
    const course = catalogJson<{ id: string }>(
      [
        'course',
        'add',
        '--title',
        'Boundary Watercolours',
        '--description',
        'Washes.',
        '--teacher',
        'Ravi Menon',
        '--category',
        'art',
        '--price',
        '2000',
        '--start',
        '2031-01-10',
        '--end',
        '2031-01-12',
        '--seats',
        '10',
        '--json',
      ],
      { cwd },
    );
    server = await startStorefrontProcess(cwd, {}, ['--rate-limit', '3']);
    const stream = await openEventStream(`${server.url}/api/events?course=${course.id}`);
    // Far enough ahead that the sale surely starts first, even on a loaded machine.
    const endsAt = new Date(Date.now() + 8_000).toISOString().slice(0, 19).concat('Z');
    expect(runCatalog(['course', 'sale', course.id, '--price', '1500', '--until', endsAt], { cwd }).code).toBe(0);
    const prices = () => stream.events.map((e) => (JSON.parse(e.data) as { course: { price: number } | null }).course?.price);
    await eventually(() => prices().includes(1500), { what: 'the sale-started event' });
    const onSale = await getJson(`${server.url}/api/courses/${course.id}`);
    expect((onSale.body as { price: number }).price).toBe(1500);

    const ended = await eventually(
      () => stream.events.map((e) => JSON.parse(e.data) as { course: { price: number } | null }).find((e) => e.course?.price === 2000),
      { what: 'the sale-ended event', timeoutMs: 20_000 },
    );
    expect(ended.course!.price).toBe(2000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));

    // The API's rate limit (3 a minute here; the one request above counted): the fourth is refused.
    await getJson(`${server.url}/api/search`);
    await getJson(`${server.url}/api/search`);
    const limited = await getJson(`${server.url}/api/search`);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });

    const code = await server.stop();
    expect(code).toBe(0);
    await eventually(() => stream.closed, { what: 'the event stream to end' });
    expect(server.log()).toMatch(/SIGTERM: finishing requests in flight/);
  });
});
