import type { Command } from 'commander';
import { action } from '../run.js';
import { say } from '../terminal.js';

interface ServeFlags {
  port: string;
  host: string;
  jsonLogs?: boolean;
  rateLimit: string;
  trustProxy?: string;
  backend?: string;
  secureCookies?: boolean;
}

const MAX_EVENT_STREAMS = 10_000;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the storefront: search and course pages, a JSON API and live updates, on this catalogue')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option(
      '--host <address>',
      'address to listen on; 127.0.0.1 keeps it on this machine (put a TLS proxy in front to publish it)',
      '127.0.0.1',
    )
    .option('--json-logs', 'log one JSON object per line (for log collectors) instead of readable lines')
    .option('--rate-limit <n>', 'API requests a minute per client (0: no limit)', '600')
    .option('--trust-proxy <addresses>', 'reverse proxies (comma-separated addresses or CIDRs) whose X-Forwarded-For names the client')
    .option('--backend <name>', 'sqlite or elasticsearch (default: from the configuration)')
    .option('--secure-cookies', 'mark sign-in cookies Secure on plain http too (a TLS proxy in front that sends no X-Forwarded-Proto)')
    .addHelpText(
      'after',
      '\nExamples:\n  catalog serve\n  catalog serve --port 3000 --json-logs\n  catalog serve --host 127.0.0.1 --trust-proxy 127.0.0.1   # behind nginx or Caddy on this machine',
    )
    .action(
      action(async ({ terminal, overrides }, flags: ServeFlags) => {
        const { CatalogError, UsageError } = await import('../../errors.js');
        const port = /^\d{1,5}$/.test(flags.port) ? Number(flags.port) : NaN;
        if (!(port >= 0 && port <= 65_535))
          throw new UsageError(`--port "${flags.port}" is not a port`, 'use a number from 1 to 65535, e.g. --port 8080');
        const rateLimit = /^\d{1,9}$/.test(flags.rateLimit) ? Number(flags.rateLimit) : NaN;
        if (Number.isNaN(rateLimit))
          throw new UsageError(`--rate-limit "${flags.rateLimit}" is not a number`, 'e.g. --rate-limit 600, or 0 for none');
        if (flags.backend !== undefined && flags.backend !== 'sqlite' && flags.backend !== 'elasticsearch')
          throw new UsageError(`--backend "${flags.backend}" is not a search backend`, 'use --backend sqlite or --backend elasticsearch');

        const { openCatalog } = await import('../../services/catalogContext.js');
        const { startStorefront } = await import('../../web/server.js');
        // The writing connection brings the schema up to date (as any command does) and serves
        // checkout and the student area; the storefront's pages read through a connection that
        // cannot write, so no search or course page can change the catalogue.
        const writer = await openCatalog(overrides, { create: false });
        let ctx: Awaited<ReturnType<typeof openCatalog>>;
        try {
          ctx = await openCatalog(overrides, { create: false, readonly: true });
        } catch (error) {
          writer.close();
          throw error;
        }
        let storefront: Awaited<ReturnType<typeof startStorefront>>;
        try {
          storefront = await startStorefront(
            { ctx, writer },
            {
              host: flags.host,
              port,
              jsonLogs: flags.jsonLogs ?? false,
              rateLimitPerMinute: rateLimit,
              maxEventStreams: MAX_EVENT_STREAMS,
              trustProxy: flags.trustProxy,
              secureCookies: flags.secureCookies ?? false,
              ...(flags.backend && { backend: flags.backend as 'sqlite' | 'elasticsearch' }),
            },
          );
        } catch (error) {
          ctx.close();
          writer.close();
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EADDRINUSE')
            throw new CatalogError(`port ${port} on ${flags.host} is already in use`, 1, 'stop what uses it, or pick another with --port');
          if (code === 'EACCES')
            throw new CatalogError(`not allowed to listen on port ${port}`, 1, 'use a port above 1023, e.g. --port 8080');
          if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
            throw new CatalogError(
              `this machine has no address ${flags.host}`,
              1,
              'use --host 127.0.0.1 (this machine) or 0.0.0.0 (every interface)',
            );
          throw error;
        }
        if (writer.config.payments.provider === 'test')
          say(
            terminal,
            'Payments: TEST MODE (no money moves; anyone can register by pressing Pay). Set payments.provider: razorpay to take payments.',
          );
        say(terminal, `Storefront on ${storefront.url} (Ctrl-C to stop)`);

        await new Promise<void>((resolve) => {
          const stop = (signal: NodeJS.Signals) => {
            say(terminal, `${signal}: finishing requests in flight, closing live update streams`);
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await storefront.close();
        ctx.close();
        writer.close();
      }),
    );
}
