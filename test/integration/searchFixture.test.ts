import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNewCourse } from '../../src/domain/courseInput.js';
import type { SearchRequest } from '../../src/domain/searchQuery.js';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import { connectElasticsearch } from '../../src/search/elasticsearch/connection.js';
import { ElasticsearchSearchClient } from '../../src/search/elasticsearch/elasticsearchSearchClient.js';
import type { SearchResult } from '../../src/search/searchClient.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { searchCatalogue } from '../../src/services/searchCatalogue.js';
import { syncCatalogue } from '../../src/services/syncCatalogue.js';
import { useTestElasticsearch } from '../support/elasticsearch.js';
import { tempCatalog } from '../support/tempCatalog.js';

interface FixtureCourse {
  id: string;
  title: string;
  description: string;
  category: string;
  price: string;
  start: string;
}

const fixture: FixtureCourse[] = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/search/courses.json'), 'utf8'));

/** A rule a person can read, on the raw text of a course (never the code under test). */
type Rule = (course: FixtureCourse) => boolean;
const text =
  (re: RegExp): Rule =>
  (course) =>
    re.test(course.title) || re.test(course.description);
const title =
  (re: RegExp): Rule =>
  (course) =>
    re.test(course.title);
const both =
  (...rules: Rule[]): Rule =>
  (course) =>
    rules.every((rule) => rule(course));
const none: Rule = () => false;

/**
 * The table: a query, the courses it must find (every fixture course starts in 2027, after the
 * test's "now", and is published, so the listing rule keeps them all), and for some the order:
 * `titleFirst` means the courses whose title satisfies that rule come first, then the rest,
 * each group by id.
 */
const CASES: { query: string; expect: Rule; titleFirst?: Rule; why: string }[] = [
  // Technology names with symbols
  { query: 'c++', expect: title(/C\+\+/), why: 'C++ is its own word' },
  { query: 'C#', expect: title(/C#/), why: 'C# is its own word' },
  { query: 'c', expect: text(/\bC\b(?![+#])/), why: 'plain C is neither C++ nor C#' },
  { query: 'f#', expect: title(/F#/), why: 'F#' },
  { query: '.net', expect: text(/\.NET/), why: '.NET alone and in ASP.NET' },
  { query: 'ASP.NET', expect: title(/ASP\.NET/), why: 'ASP.NET whole' },
  { query: 'node.js', expect: title(/Node\.?JS/i), why: 'Node.js and NodeJS are one term' },
  { query: 'nodejs', expect: title(/Node\.?JS/i), why: 'Node.js and NodeJS are one term' },
  { query: 'node', expect: title(/\bNode/i), why: 'node finds Node.js and NodeJS' },
  { query: 'vue', expect: title(/Vue\.js/), why: 'vue finds Vue.js' },
  { query: 'javascript', expect: text(/JavaScript/), titleFirst: title(/JavaScript/), why: 'title matches first' },
  { query: 'java', expect: text(/\bJava/), titleFirst: title(/\bJava\b/), why: 'the last word is also a prefix: java… finds JavaScript' },
  { query: 'typescript', expect: title(/TypeScript/), why: 'TypeScript' },
  { query: 'html', expect: title(/HTML5/), why: 'html finds HTML5' },
  { query: 'html5', expect: title(/HTML5/), why: 'HTML5 whole' },
  { query: 'css', expect: title(/CSS3/), why: 'css finds CSS3' },
  { query: '3d', expect: title(/3-?D\b/), why: '3D, and 3-D joined' },
  { query: 'go', expect: title(/\bGo\b/), why: 'a two-letter word: exact only' },
  { query: 'r', expect: text(/(^|\s)R(\s|$)/), why: 'a one-letter word: exact only' },
  { query: 'rust', expect: title(/Rust/), why: 'rust' },
  { query: 'scikit learn', expect: text(/scikit-learn/), why: 'a hyphenated name' },
  { query: 'scikitlearn', expect: text(/scikit-learn/), why: 'a hyphenated name joined' },
  { query: 'email', expect: text(/\bemails?\b/i), why: 'word forms' },
  // Databases: compound words
  { query: 'mysql', expect: title(/MySQL/), why: 'MySQL' },
  { query: 'sql', expect: text(/SQL/i), why: 'sql finds MySQL, PostgreSQL, NoSQL, T-SQL, SQLite' },
  { query: 'postgres', expect: title(/PostgreSQL/), why: 'postgres finds PostgreSQL' },
  { query: 'nosql', expect: title(/NoSQL/), why: 'NoSQL' },
  { query: 'sqlite', expect: title(/SQLite/), why: 'SQLite' },
  { query: 'sql joins', expect: both(text(/SQL/i), text(/\bjoins\b/i)), titleFirst: title(/SQL Joins/), why: 'two words, title first' },
  { query: 'advanced sql', expect: both(title(/^Advanced/), text(/SQL/i)), why: 'two words, one a compound part' },
  // Typos (one from 5 letters, two from 9) and prefixes
  { query: 'pyhton', expect: title(/python|ＰＹＴＨＯＮ/i), why: 'a swap is one typo; fullwidth folds' },
  { query: 'python', expect: title(/python|ＰＹＴＨＯＮ/i), why: 'Python3 holds python' },
  { query: 'javscript', expect: text(/JavaScript/), titleFirst: title(/JavaScript/), why: 'one typo in a long word' },
  { query: 'guitr', expect: title(/Guitar/), why: 'one typo at five letters' },
  { query: 'marathn', expect: title(/Marathon/), why: 'one typo' },
  { query: 'breathwrk', expect: title(/Breathwork/), why: 'one typo at nine letters' },
  { query: 'kubernets', expect: title(/Kubernetes/), why: 'one typo' },
  { query: 'photosho', expect: title(/Photoshop/), why: 'prefix of the last word' },
  {
    query: 'wordp',
    expect: (course) => /WordPress/.test(course.title) || /\bword\b/i.test(course.description),
    titleFirst: title(/WordPress/),
    why: 'a title prefix (WordPress) ranks above a description typo (word: one letter less)',
  },
  { query: 'trad', expect: text(/\btrad/i), why: 'prefix: trading, traders, traditional' },
  { query: 'photo', expect: text(/\bphoto/i), why: 'prefix: photos, photography, Photoshop' },
  {
    query: 'photography',
    expect: text(/photograph/i),
    titleFirst: title(/Photography/),
    why: 'exact title matches, then Photographers (two typos away from the typed word, one from its stem)',
  },
  { query: 'INF', expect: text(/\binf/i), why: 'a three-letter word is never fuzzed, only a prefix' },
  { query: 'qwertyuiop', expect: none, why: 'nothing close' },
  // Brand marks, fullwidth text, Roman numerals, Nº
  { query: 'Piano Basics™', expect: title(/Piano Basics/), why: 'a glued ™ never hides the word' },
  { query: 'piano basics', expect: title(/Piano Basics/), why: 'with or without ™' },
  { query: 'basics', expect: text(/\bbasics?\b/i), titleFirst: title(/\bBasics/), why: 'word forms; title first' },
  { query: 'wordpress®', expect: title(/WordPress/), why: '® separates' },
  { query: 'yoga flow', expect: title(/Yoga Flow/), why: '™ separates' },
  { query: 'Excel Ⅱ', expect: title(/Excel Ⅱ/), why: 'Roman numerals fold to letters' },
  { query: 'excel ii', expect: title(/Excel Ⅱ/), why: 'typed as letters' },
  { query: 'Ⅲ', expect: title(/Ⅲ/), why: 'a numeral alone' },
  { query: 'ｅｘｃｅｌ', expect: title(/Excel|Ｅｘｃｅｌ/), why: 'fullwidth folds' },
  { query: '１日', expect: title(/１日 /), why: 'fullwidth digits; 日 alone as a word' },
  { query: 'Nº1', expect: title(/Nº1/), why: 'º folds to o' },
  { query: 'no1', expect: title(/Nº1/), why: 'typed plainly' },
  // Accents
  { query: 'cafe', expect: text(/café/i), titleFirst: title(/Café/), why: 'accents fold; title first' },
  { query: 'creme brulee', expect: title(/Crème Brûlée/), why: 'accents fold' },
  { query: 'crème', expect: title(/Crème/), why: 'typed with the accent' },
  { query: 'patisserie', expect: title(/Pâtisserie/), why: 'accents fold' },
  { query: 'resume', expect: title(/Résumé/), why: 'accents fold' },
  { query: 'strasse', expect: text(/Straße/), why: 'ß spells ss' },
  { query: 'manana', expect: text(/mañana/), why: 'ñ folds to n' },
  { query: 'naive bayes', expect: title(/Naïve Bayes/), why: 'diaeresis folds' },
  // Indic scripts, whole words with their vowel signs
  { query: 'हिन्दी', expect: text(/हिन्दी/), titleFirst: title(/हिन्दी/), why: 'Devanagari word whole; title first' },
  { query: 'सीखें', expect: title(/सीखें/), why: 'Devanagari' },
  { query: 'योग', expect: title(/योग/), why: 'Devanagari yoga is not yoga' },
  { query: 'yoga', expect: text(/\byoga/i), why: 'English yoga' },
  { query: 'தமிழ்', expect: title(/தமிழ்/), why: 'Tamil' },
  { query: 'বাংলা', expect: title(/বাংলা/), why: 'Bengali' },
  { query: 'ಕನ್ನಡ', expect: text(/ಕನ್ನಡ/), why: 'Kannada' },
  { query: 'hindi', expect: title(/Hindi/), why: 'the English word' },
  // Plurals and word forms
  { query: 'baking', expect: text(/\bbak(e|es|ed|ing)\b/i), why: 'bake, bakes, baked, baking' },
  { query: 'cakes', expect: text(/\bcakes?\b/i), why: 'cake and cakes' },
  { query: 'breads', expect: text(/\bbreads?\b/i), why: 'bread and breads' },
  { query: 'millets', expect: text(/\bmillets?\b/i), why: 'plural to singular' },
  { query: 'freelancer', expect: text(/freelancers?/i), why: 'singular to plural' },
  { query: 'trading', expect: title(/Trading/), why: 'trading, not traders' },
  { query: 'weekend', expect: text(/weekend/i), why: 'a word in many titles' },
  { query: 'live online', expect: title(/Live Online/), why: 'two common words' },
  { query: 'ukulele c', expect: title(/Ukulele/), why: 'a long word and a one-letter word' },
  { query: 'c++ templates', expect: title(/Modern C\+\+/), why: 'a symbol word and a plain word' },
  // Query syntax is just separators
  { query: 'title:"c++" AND (templates*)', expect: none, why: 'every word must match, and "title" and "and" are words too' },
  { query: '"sql" -joins', expect: both(text(/SQL/i), text(/\bjoins\b/i)), why: 'quotes and minus are separators' },
];

describe('the search fixture: what students type, on both backends', () => {
  const es = useTestElasticsearch('fixture');
  const catalog = tempCatalog({ now: '2026-11-25T06:30:00Z' });
  const sqlite = new SqliteSearchClient(catalog.db);
  let elastic: ElasticsearchSearchClient;

  beforeAll(async () => {
    catalog.config.elasticsearch = es.settings(es.alias());
    catalog.db.transaction(() => {
      for (const course of fixture) catalog.courses.insert(course.id, parseNewCourse(course), catalog.time.now());
      // Not in the table's rules: a title a web page must never run as markup.
      catalog.courses.insert(
        'crs_zzmarkup',
        parseNewCourse({
          ...fixture[0]!,
          title: `<script>alert("x")</script> & Zanzibar 'Tricks' <b>bold</b>`,
          description: 'Escaping <img src=x onerror=alert(1)> matters on a zanzibar page & "quoted" too.',
        }),
        catalog.time.now(),
      );
    })();
    const report = await syncCatalogue(catalog);
    expect(report.refused).toBe(0);
    await es.refresh(catalog.config.elasticsearch.index);
    elastic = new ElasticsearchSearchClient(connectElasticsearch(catalog.config.elasticsearch), catalog.config.elasticsearch);
    return () => elastic.close();
  });

  /** Every page of a search on one backend, joined. */
  const everything = async (client: SqliteSearchClient | ElasticsearchSearchClient, request: SearchRequest) => {
    const pages: SearchResult[] = [];
    for (let page = 1; ; page++) {
      const query = buildSearchQuery(
        { ...request, limit: 100, page, facets: page === 1 },
        { now: catalog.time.now(), timeZone: 'Asia/Kolkata' },
      );
      const result = await client.search(query);
      pages.push(result);
      if (page * 100 >= result.total) return pages;
    }
  };

  it('has at least 500 courses and 60 queries', () => {
    expect(fixture.length).toBeGreaterThanOrEqual(500);
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('$query: $why', async ({ query, expect: rule, titleFirst }) => {
    const expected = fixture.filter(rule).map((course) => course.id);
    const onSqlite = await everything(sqlite, { text: query });
    const onElastic = await everything(elastic, { text: query });
    const ids = onSqlite.flatMap((page) => page.results.map((r) => r.id));
    expect(onSqlite[0]!.total).toBe(expected.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    if (titleFirst) {
      const first = fixture.filter((course) => rule(course) && titleFirst(course)).map((course) => course.id);
      const rest = expected.filter((id) => !first.includes(id));
      expect(ids).toEqual([...first.sort(), ...rest.sort()]);
    }
    // The same on Elasticsearch: totals, ids in relevance order, fields, highlights and facets.
    expect(onElastic).toEqual(onSqlite);
  });

  it('facet counts: categories, months and price bands of what the words find', async () => {
    const [result] = await everything(sqlite, { text: 'sql' });
    const found = fixture.filter(text(/SQL/i));
    const byCategory = new Map<string, number>();
    for (const course of found) byCategory.set(course.category, (byCategory.get(course.category) ?? 0) + 1);
    expect(result!.facets!.category).toEqual(
      [...byCategory].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
    );
    const byMonth = new Map<string, number>();
    for (const course of found) byMonth.set(course.start.slice(0, 7), (byMonth.get(course.start.slice(0, 7)) ?? 0) + 1);
    expect(result!.facets!.month).toEqual([...byMonth].sort().map(([value, count]) => ({ value, count })));
    const band = (rupees: number) => (rupees === 0 ? 0 : rupees < 500 ? 1 : rupees < 1000 ? 2 : rupees < 2000 ? 3 : rupees < 5000 ? 4 : 5);
    const bands = [0, 0, 0, 0, 0, 0];
    for (const course of found) bands[band(Number(course.price))]!++;
    expect(result!.facets!.price.map((entry) => entry.count)).toEqual(bands);
  });

  it('each facet ignores its own filter, and only its own, the same on both backends', async () => {
    const request = { text: 'weekend', category: 'cooking', month: '2027-03', maxPrice: '1999' };
    const [filtered] = await everything(sqlite, request);
    const [elasticFiltered] = await everything(elastic, request);
    expect(elasticFiltered).toEqual(filtered);
    const weekend = fixture.filter(text(/weekend/i));
    const price = (course: FixtureCourse) => Number(course.price) <= 1999;
    const inMarch = (course: FixtureCourse) => course.start.startsWith('2027-03');
    const cooking = (course: FixtureCourse) => course.category === 'cooking';
    // Categories: as if no category were chosen (March, ≤ ₹1,999 still apply).
    const categories = weekend.filter((course) => inMarch(course) && price(course));
    expect(filtered!.facets!.category.reduce((sum, entry) => sum + entry.count, 0)).toBe(categories.length);
    // Months: as if no month were chosen.
    expect(filtered!.facets!.month.reduce((sum, entry) => sum + entry.count, 0)).toBe(weekend.filter((c) => cooking(c) && price(c)).length);
    // Prices: as if no price were set.
    expect(filtered!.facets!.price.reduce((sum, entry) => sum + entry.count, 0)).toBe(
      weekend.filter((c) => cooking(c) && inMarch(c)).length,
    );
    expect(filtered!.total).toBe(weekend.filter((c) => cooking(c) && inMarch(c) && price(c)).length);
  });

  it('suggests a correction when nothing is found, the same whichever backend answered', async () => {
    for (const backend of ['sqlite', 'elasticsearch'] as const) {
      const typo = await searchCatalogue(catalog, { text: 'pyhton baking' }, backend);
      expect(typo).toMatchObject({ total: 0, suggestion: 'python baking' });
      // Two typos in a word of 8 letters is one more than a search forgives, not than a suggestion does.
      const far = await searchCatalogue(catalog, { text: 'kubrnetis' }, backend);
      expect(far).toMatchObject({ total: 0, suggestion: 'kubernetes' });
      const nothing = await searchCatalogue(catalog, { text: 'qwertyuiop' }, backend);
      expect(nothing.suggestion).toBeUndefined();
      const found = await searchCatalogue(catalog, { text: 'python' }, backend);
      expect(found.suggestion).toBeUndefined();
    }
  });

  it('marks the matched words, HTML-escaped, the same on both backends', async () => {
    const [result] = await everything(sqlite, { text: 'c++ templates' });
    expect(result!.results[0]!.highlight).toEqual({
      title: 'Modern <mark>C++</mark>: <mark>Templates</mark> and Move Semantics',
    });
    const [typo] = await everything(sqlite, { text: 'guitr lesons' });
    expect(typo!.results[0]!.highlight!.title).toBe('<mark>Guitar</mark> <mark>Lessons</mark> for Adults');
  });

  it('escapes everything but the marks: a title or description is never markup', async () => {
    for (const client of [sqlite, elastic]) {
      const [result] = await everything(client, { text: 'zanzibar' });
      expect(result!.results[0]!.highlight).toEqual({
        title: '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Zanzibar</mark> &#39;Tricks&#39; &lt;b&gt;bold&lt;/b&gt;',
        description: 'Escaping &lt;img src=x onerror=alert(1)&gt; matters on a <mark>zanzibar</mark> page &amp; &quot;quoted&quot; too.',
      });
    }
  });

  const HOSTILE = [
    '"',
    "'",
    '(((',
    'title:x',
    '*',
    'AND OR NOT',
    'NEAR(a b)',
    '\\',
    '-',
    '^baking',
    '{title}: c++',
    'c++ + c## ++ ## .. .',
    '🍞🧘‍♀️',
    'a\u0000b\u0007c\u001b[31mred',
    'py\u200Bthon \u202Ejava\u202C \u2066sql\u2069 \uFEFF',
    '\uD800 lone surrogate \uDFFF',
    `${'python '.repeat(1500)}`,
    `${'x'.repeat(10_000)}`,
    `${'हिन्दी'.repeat(2000)}`,
    Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '),
    '\u{11F04}\u{11F05} \u{1E030}',
  ];

  it.each(HOSTILE.map((query) => [JSON.stringify(query).slice(0, 60), query]))(
    'hostile text %s never errors, the same on both',
    async (_, query) => {
      const request = { text: query, facets: true };
      const query1 = buildSearchQuery(request, { now: catalog.time.now(), timeZone: 'Asia/Kolkata' });
      const onSqlite = await sqlite.search(query1);
      const onElastic = await elastic.search(query1);
      expect(onElastic).toEqual(onSqlite);
      for (const backend of ['sqlite', 'elasticsearch'] as const)
        await expect(searchCatalogue(catalog, request, backend)).resolves.toBeDefined();
    },
  );
});
