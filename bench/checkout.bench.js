// Checkout to registration through the test provider (issue 16), on the real `catalog serve`:
// 20 concurrent clients (what 20 browsers send, without the browsers), each looping over the whole
// flow a student's browser goes through:
//   POST /api/checkout → GET /pay/test/:order (the payment page: form token) → POST Pay (the server
//   signs a payment.captured and sends it through /webhooks/payments → registerStudent) →
//   GET /orders/:order (the access code, once).
// The course has fewer seats than the clients try to buy: once it is full, checkouts are refused
// as sold out (409), and payments for checkouts opened before it filled become refunds due. Any
// other error, a missing access code or a seat sold twice fails the run.
// Baseline in the same run: registerStudent called in a loop in one process on the same machine
// (bench/checkout.baseline.ts), the registration alone without HTTP, checkout or payment.
// Writes bench/results/checkout.md. Run `npm run build` first.
// Usage: node bench/checkout.bench.js [--clients 20] [--seats 1000] [--attempts 1100] [--runs 3]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleForBench, numberFlag as flag, percentiles, ROOT } from './support/bundle.js';

const CLIENTS = flag('clients', 20);
const SEATS = flag('seats', 1000);
const ATTEMPTS = flag('attempts', 1100);
const RUNS = flag('runs', 3);
const bin = path.join(ROOT, 'bin', 'catalog.js');
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  CI: 'true',
  NO_COLOR: '1',
  CATALOG_NOW: '2026-11-25T06:30:00Z',
  CATALOG_PAYMENTS_WEBHOOK_SECRET: 'bench-webhook-secret',
};

function freshCatalogue() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-checkout-'));
  const cli = (...args) => execFileSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8' }).trim();
  const id = cli(
    ...['course', 'add', '--title', 'Benchmark pottery', '--description', 'Wheel throwing.', '--teacher', 'Kavya Iyer'],
    ...['--category', 'crafts', '--price', '599', '--start', '2027-03-01', '--end', '2027-03-02', '--seats', String(SEATS), '--no-input'],
  );
  return { dir, id, cli };
}

function startServer(dir) {
  const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--rate-limit', '0', '--json-logs'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const url = new Promise((resolve, reject) => {
    server.stderr.setEncoding('utf8').on('data', (chunk) => {
      if (log.length < 20_000) log += chunk;
      const found = /Storefront on (http:\/\/\S+)/.exec(log);
      if (found) resolve(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`catalog serve exited ${code}: ${log}`)));
  });
  return { server, url };
}

/** One browser's cookies: name → value, by the path they were set for. */
function jar() {
  const cookies = [];
  return {
    keep(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';').map((p) => p.trim());
        const cookiePath = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
        const name = pair.slice(0, pair.indexOf('='));
        const kept = cookies.filter((c) => !(c.name === name && c.path === cookiePath));
        cookies.length = 0;
        cookies.push(...kept, { name, path: cookiePath, pair });
      }
    },
    header: (address) =>
      cookies
        .filter((c) => address.startsWith(c.path))
        .map((c) => c.pair)
        .join('; '),
  };
}

async function buyOnce(base, courseId, n) {
  const cookies = jar();
  const call = async (address, init = {}) => {
    const response = await fetch(`${base}${address}`, {
      redirect: 'manual',
      ...init,
      headers: { ...(init.headers ?? {}), cookie: cookies.header(address) },
    });
    cookies.keep(response);
    return response;
  };
  const started = performance.now();
  const checkout = await call('/api/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ courseId, email: `buyer${n}@bench.example`, name: `Buyer ${n}` }),
  });
  if (checkout.status === 409) return { outcome: 'sold out at checkout', ms: performance.now() - started, text: await checkout.text() };
  if (checkout.status !== 201) return { outcome: 'error', detail: `checkout ${checkout.status}: ${await checkout.text()}` };
  const { orderId, redirectUrl } = await checkout.json();
  const payPage = await call(redirectUrl);
  const token = /name="_csrf" value="([^"]+)"/.exec(await payPage.text())?.[1];
  if (payPage.status !== 200 || !token) return { outcome: 'error', detail: `payment page ${payPage.status}` };
  const paid = await call(redirectUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, outcome: 'pay' }).toString(),
  });
  await paid.text();
  if (paid.status !== 303) return { outcome: 'error', detail: `pay ${paid.status}` };
  const confirmation = await call(`/orders/${orderId}`);
  const page = await confirmation.text();
  const ms = performance.now() - started;
  if (/id="access-code">acc_[0-9a-z]{24}</.test(page)) return { outcome: 'registered', ms };
  if (page.includes('Your payment will be refunded') && /sold out/.test(page)) return { outcome: 'sold out at payment (refund due)', ms };
  return { outcome: 'error', detail: `confirmation without an access code (order ${orderId})` };
}

async function webRun() {
  const catalogue = freshCatalogue();
  const { server, url } = startServer(catalogue.dir);
  const base = await url;
  const results = [];
  let next = 0;
  const started = performance.now();
  let lastRegistration = started;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < ATTEMPTS) {
        const result = await buyOnce(base, catalogue.id, next++);
        if (result.outcome === 'registered') lastRegistration = performance.now();
        results.push(result);
      }
    }),
  );
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  const course = JSON.parse(catalogue.cli('course', 'show', catalogue.id, '--json'));
  const registrations = JSON.parse(catalogue.cli('registrations', 'list', '--course', catalogue.id, '--json'));
  const refunds = JSON.parse(catalogue.cli('registrations', 'list', '--refunds-due', '--json'));
  const count = (outcome) => results.filter((r) => r.outcome === outcome).length;
  const errors = results.filter((r) => r.outcome === 'error');
  const registered = count('registered');
  const oversold = Math.max(0, course.registrations - SEATS) + Math.max(0, registrations.length - SEATS);
  if (errors.length) throw new Error(`${errors.length} errors, e.g. ${errors[0].detail}`);
  if (oversold || registered !== SEATS || registrations.length !== SEATS || course.seatsLeft !== 0)
    throw new Error(
      `${registered} registered, ${registrations.length} listed, course ${course.registrations}/${SEATS}, ${course.seatsLeft} left`,
    );
  fs.rmSync(catalogue.dir, { recursive: true, force: true });
  return {
    seconds: (lastRegistration - started) / 1000,
    registered,
    soldOutAtCheckout: count('sold out at checkout'),
    refundsDue: count('sold out at payment (refund due)'),
    refundsListed: refunds.length,
    errors: errors.length,
    oversold,
    latency: percentiles(results.filter((r) => r.outcome === 'registered').map((r) => r.ms)),
  };
}

async function serviceRun(worker) {
  const catalogue = freshCatalogue();
  const out = execFileSync(process.execPath, [worker, path.join(catalogue.dir, 'catalog.db'), catalogue.id, '599', String(SEATS)], {
    env,
    encoding: 'utf8',
  });
  const { registered, ms } = JSON.parse(out);
  fs.rmSync(catalogue.dir, { recursive: true, force: true });
  return { seconds: ms / 1000, registered };
}

const worker = await bundleForBench('bench/checkout.baseline.ts');
const rows = [];
for (let run = 1; run <= RUNS; run++) {
  // Alternating, so both see the same machine load on average.
  const service = await serviceRun(worker);
  const web = await webRun();
  rows.push({ run, web, service, ratio: web.registered / web.seconds / (service.registered / service.seconds) });
  console.error(
    `run ${run}: web ${(web.registered / web.seconds).toFixed(1)}/s (p50 ${web.latency.median.toFixed(0)} ms), service ${(service.registered / service.seconds).toFixed(1)}/s`,
  );
}

const perSecond = (r) => r.registered / r.seconds;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const report = `# Checkout benchmark

\`node bench/checkout.bench.js --clients ${CLIENTS} --seats ${SEATS} --attempts ${ATTEMPTS} --runs ${RUNS}\` on ${os.cpus().length} CPU(s),
Node ${process.version}, ${new Date().toISOString().slice(0, 10)} (load average at the end ${load}).

Checkout to registration through the test provider on the real \`catalog serve\` (one process, SQLite):
${CLIENTS} clients at once, each repeating what a student's browser does: \`POST /api/checkout\`, the
payment page (\`GET /pay/test/:order\`), Pay (the server signs a \`payment.captured\` event and sends it
through \`POST /webhooks/payments\`, which calls \`registerStudent\`), and the confirmation page with the
access code. ${ATTEMPTS} purchases are tried for ${SEATS} seats: the rest meet a sold-out course. The
baseline, measured alternately in the same run, is \`registerStudent\` alone called in a loop in one
process (no HTTP, no order, no payment notice): the floor of a registration on this machine.

| run | registered | registrations/s (web) | flow p50 / p95 | sold out at checkout | sold out at payment (refund due) | other errors | oversold | registrations/s (service alone) | web ÷ service |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows
  .map(
    ({ run, web, service, ratio }) =>
      `| ${run} | ${web.registered} | ${perSecond(web).toFixed(1)} | ${web.latency.median.toFixed(0)} / ${web.latency.p95.toFixed(0)} ms | ${web.soldOutAtCheckout} | ${web.refundsDue} (listed: ${web.refundsListed}) | ${web.errors} | ${web.oversold} | ${perSecond(service).toFixed(0)} | ${ratio.toFixed(3)}× |`,
  )
  .join('\n')}

Median: **${median(rows.map((r) => perSecond(r.web))).toFixed(1)} registrations/s** through the website, ${median(rows.map((r) => r.ratio)).toFixed(3)}× the
service alone; 0 oversold, 0 errors other than sold out in every run (the run fails otherwise: every
purchase must end in an access code shown once or a sold-out answer, and \`course show\` /
\`registrations list\` must count exactly ${SEATS}).

- A registration through the website is four HTTP requests, a checkout order (insert, provider id),
  an X25519 key pair for the claim, the payment notice (signed, verified on the raw body, recorded),
  the registration's IMMEDIATE transaction (which also marks the order paid and seals the access code
  in the same commit), and the confirmation (opening the sealed code and forgetting it): several
  writes where the baseline has one, all through SQLite's single writer, with the clients sharing
  the machine's ${os.cpus().length} CPU(s) with the server.
- Refunds due appear when checkouts opened while seats were left are paid after the last seat went:
  the payment is recorded as owed back (\`catalog registrations list --refunds-due\`), never as a seat.
`;
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'checkout.md'), report);
console.error(report);
