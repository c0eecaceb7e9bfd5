import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetails, CourseSummary } from '../../src/domain/course.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { requirePython, startInTerminal } from '../support/terminalSession.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };

describe('listings for people and for programs (issue 10, items 17, 21 and 22)', () => {
  const cwd = tempDirectory();
  const run = (args: string[]) => runCatalog(args, { cwd, env });
  const json = <T>(args: string[]) => catalogJson<T>([...args, '--json'], { cwd, env });
  let all: CourseSummary[];

  beforeAll(() => {
    requirePython();
    expect(run(['seed', '--courses', '120', '--seed', '11']).code).toBe(0);
    all = [
      ...json<CourseSummary[]>(['course', 'list', '--limit', '100']),
      ...json<CourseSummary[]>(['course', 'list', '--limit', '100', '--page', '2']),
    ];
  });

  const tableLines = (screen: string) => screen.split('\n').filter((line) => /[│┌└├]/.test(line));

  it.each([80, 100, 160])(
    'tables fit a %i-column terminal: one line per row, titles cut short, low-value columns dropped',
    async (columns) => {
      for (const args of [
        ['search', '--all', '--limit', '15'],
        ['course', 'list', '--limit', '15'],
        ['course', 'show', all[0]!.id],
      ]) {
        const term = startInTerminal(args, { cwd, env, columns });
        const { code, screen } = await term.exit();
        expect(code, screen).toBe(0);
        const lines = tableLines(screen);
        expect(lines.length).toBeGreaterThan(args[0] === 'course' && args[1] === 'show' ? 10 : 17);
        for (const line of lines) expect([...line].length, `${args.join(' ')} at ${columns}:\n${line}`).toBeLessThanOrEqual(columns);
        if (args[1] === 'show') continue;
        // One line per row: every id appears on a line of its own table row.
        expect(lines.filter((line) => /crs_[0-9a-z]{10}/.test(line))).toHaveLength(15);
        if (columns === 80) {
          expect(screen).toContain('…');
          expect(screen).not.toContain('Registered');
        }
        if (columns === 160) expect(screen).toContain('Registered');
      }
    },
  );

  it('in a pipe a listing is tab-separated lines with the --json field names; --format chooses', () => {
    const piped = run(['course', 'list', '--limit', '5']);
    const [header, ...rows] = piped.stdout.trimEnd().split('\n');
    expect(header).toBe(
      'id\ttitle\tteacher\tcategory\tprice\tlistPrice\tstartDate\tendDate\tseatsLeft\tregistrations\tfreeDays\tupgradeUntil\tstatus',
    );
    // The same fields as --json, in its order; a JSON null is an empty field.
    expect(header!.split('\t')).toEqual(Object.keys(all[0]!));
    expect(rows).toHaveLength(5);
    expect(rows.map((row) => row.split('\t')[0])).toEqual(all.slice(0, 5).map((c) => c.id));
    expect(rows.every((row) => row.split('\t').length === 13)).toBe(true);
    expect(piped.stdout).not.toMatch(/[│┌]/);

    const search = run(['search', '--all', '--limit', '3']).stdout.trimEnd().split('\n');
    expect(search[0]).toBe(header);
    expect(search).toHaveLength(4);

    // A free start's days and upgrade date, in a pipe as in --json, from search and course list alike.
    const tsvField = (value: unknown) => (value === null ? '' : String(value));
    const freeStarts = json<{ results: CourseSummary[] }>(['search', '--all', '--free-start', '--limit', '3']).results;
    expect(freeStarts.length).toBeGreaterThan(0);
    expect(freeStarts.every((c) => c.freeDays !== null && c.upgradeUntil !== null)).toBe(true);
    const [searchHeader, ...freeStartRows] = run(['search', '--all', '--free-start', '--limit', '3']).stdout.trimEnd().split('\n');
    expect(searchHeader).toBe(header);
    expect(freeStartRows).toEqual(freeStarts.map((c) => Object.values(c).map(tsvField).join('\t')));
    const listed = run(['course', 'list', '--limit', '100']).stdout.trimEnd().split('\n').slice(1);
    expect(listed).toEqual(all.slice(0, 100).map((c) => Object.values(c).map(tsvField).join('\t')));
    expect(all.slice(0, 100).some((c) => c.freeDays === null)).toBe(true);
    expect(all.slice(0, 100).some((c) => c.freeDays !== null)).toBe(true);

    expect(run(['course', 'list', '--limit', '3', '--format', 'table']).stdout).toMatch(/┌/);
    expect(JSON.parse(run(['course', 'list', '--limit', '3', '--format', 'JSON']).stdout)).toHaveLength(3);
    const show = run(['course', 'show', all[0]!.id]).stdout;
    expect(show).toContain(`id\t${all[0]!.id}\n`);
    expect(run(['registrations', 'list']).stdout.split('\n')[0]).toBe(
      'id\tcourseId\tcourseTitle\tstudent\tname\tmode\tamount\tpaymentRef\tregisteredAt\tupgradedAt\tupgradeBy\tcancelledAt\trefundRef',
    );
  });

  it('course list pages (50 by default) and takes the search filters', () => {
    expect(all).toHaveLength(120 - all.filter((c) => c.status === 'archived').length);
    expect(json<CourseSummary[]>(['course', 'list'])).toEqual(all.slice(0, 50));
    expect(json<CourseSummary[]>(['course', 'list', '--limit', '20', '--page', '3'])).toEqual(all.slice(40, 60));
    const category = all[0]!.category;
    expect(json<CourseSummary[]>(['course', 'list', '--category', category, '--limit', '100'])).toEqual(
      all.filter((c) => c.category === category),
    );
    expect(
      json<CourseSummary[]>(['course', 'list', '--available', '--limit', '100']).every((c) => c.seatsLeft === null || c.seatsLeft > 0),
    ).toBe(true);
    const cheap = json<CourseSummary[]>(['course', 'list', '--max-price', '999', '--sort', 'price', '--limit', '100']);
    expect(cheap.map((c) => c.id)).toEqual(
      all
        .filter((c) => c.price <= 999)
        .sort((a, b) => a.price - b.price || (a.id < b.id ? -1 : 1))
        .map((c) => c.id),
    );
    const summary = run(['course', 'list', '--format', 'table']).stderr;
    expect(summary).toContain(`Showing 1–50 of ${all.length}`);
    expect(summary).toContain('--page 2');
  });

  it('values are case-insensitive; each idea has one name, old spellings still work', () => {
    const byPrice = json<{ results: CourseSummary[] }>(['search', '--all', '--sort', 'price', '--order', 'desc']).results;
    expect(json<{ results: CourseSummary[] }>(['search', '--all', '--sort', 'PRICE', '--order', 'DESC']).results).toEqual(byPrice);
    expect(json<{ results: CourseSummary[] }>(['search', '--all', '--backend', 'SQLite']).results).toHaveLength(10);
    expect(run(['export', '--format', 'CSV']).stdout.split('\n')[0]).toMatch(/^id,/);

    const window = ['2027-01-01', '2027-03-31'];
    const news = json<{ total: number }>(['search', '--all', '--start-from', window[0]!, '--start-to', window[1]!]);
    expect(json<{ total: number }>(['search', '--all', '--from', window[0]!, '--to', window[1]!])).toEqual(news);
    const help = run(['search', '--help']).stdout;
    expect(help).toContain('--start-from');
    expect(help).not.toMatch(/ --from /);

    const id = all[1]!.id;
    expect(json<CourseDetails>(['course', 'price', id, '--price', '1111']).listPrice).toBe(1111);
    expect(json<CourseDetails>(['course', 'price', id, '1234']).listPrice).toBe(1234);
    expect(run(['course', 'price', id]).code).toBe(2);
    const draft = all.find((c) => c.status === 'published' && c.registrations === 0)!;
    expect(json<CourseDetails>(['course', 'edit', draft.id, '--status', 'Draft']).status).toBe('draft');

    // course list: --archived lists the archived ones; the old --all still lists every course.
    expect(run(['course', 'archive', id, '--yes']).code).toBe(0);
    expect(json<CourseSummary[]>(['course', 'list', '--archived']).map((c) => c.id)).toEqual([id]);
    expect(json<CourseSummary[]>(['course', 'list', '--all'])).toHaveLength(all.length);
    expect(run(['course', 'list', '--archived', '--category', 'baking']).code).toBe(2);
  });

  it('--quiet keeps the data and drops the messages', () => {
    const quiet = run(['--quiet', 'search', '--all', '--limit', '2']);
    expect(quiet.stdout.split('\n').length).toBeGreaterThan(2);
    expect(quiet.stderr).toBe('');
    const loud = run(['search', '--all', '--limit', '2']);
    expect(loud.stderr).toContain('Showing');
    const price = run(['course', 'price', all[2]!.id, '--price', '777', '-q']);
    expect(price.stderr).toBe('');
    expect(price.stdout.trim()).toBe(all[2]!.id);
  });
});

describe('shell completion from the command tree (issue 10, item 22)', () => {
  const cwd = tempDirectory();
  const script = runCatalog(['completion', 'bash'], { cwd, env }).stdout;

  /** What bash offers after `line` (the cursor at its end), with the script loaded. */
  const complete = (line: string): string[] => {
    const words = line.split(' ');
    const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_catalog
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean);
  };

  it('bash completes commands, subcommands, flags and their values, not hidden old spellings', () => {
    expect(complete('catalog cou')).toEqual(['course']);
    expect(complete('catalog course ar')).toEqual(['archive']);
    expect(complete('catalog --db x.db course li')).toEqual(['list']);
    expect(complete('catalog search --so')).toEqual(['--sort']);
    expect(complete('catalog search --sort p')).toEqual(['price']);
    expect(complete('catalog course list --format ')).toEqual(['table', 'tsv', 'json']);
    expect(complete('catalog search --fro')).toEqual([]);
    expect(complete('catalog search --fr')).toEqual(['--free', '--free-start']);
    expect(complete('catalog completion --')).toContain('--quiet');
    expect(complete('catalog registrations ')).toEqual(['list', 'cancel', 'reissue-code', 'refunded']);
  });

  it('zsh and fish scripts are generated from the same tree', () => {
    const zsh = runCatalog(['completion', 'zsh'], { cwd, env });
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef catalog/);
    expect(zsh.stdout).toContain('bashcompinit');
    const fish = runCatalog(['completion', 'FISH'], { cwd, env }).stdout;
    expect(fish).toContain("complete -c catalog -n '__fish_use_subcommand' -a course");
    expect(fish).toMatch(/__fish_seen_subcommand_from search' -l sort -x -a 'relevance price registrations start'/);
    expect(runCatalog(['completion', 'powershell'], { cwd, env }).code).toBe(2);
  });
});
