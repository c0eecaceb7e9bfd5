import { beforeAll, describe, expect, it } from 'vitest';
import { documentTerms, indexedText } from '../../src/domain/text/courseTerms.js';
import { createCourseIndex } from '../../src/search/elasticsearch/courseIndexAdmin.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { courseInput } from '../support/courseFactory.js';
import { useTestElasticsearch } from '../support/elasticsearch.js';
import { tempCatalog } from '../support/tempCatalog.js';

/**
 * Both indexes receive the terms of the one analysis and must keep them exactly as they are:
 * FTS5's tokenizer and Elasticsearch's whitespace analyzer may only split on the spaces between
 * terms. If either split or changed a term (a symbol, a mark, a letter newer than its Unicode
 * tables), the two backends would find different courses.
 */
describe('both indexes hold exactly the analysed terms', () => {
  const es = useTestElasticsearch('terms');
  const catalog = tempCatalog();
  let index = '';

  const samples = [
    'C++ and C# for .NET developers, ASP.NET Core, F# and g++',
    'Node.js, NodeJS & Vue.js 3: MySQL, PostgreSQL, NoSQL and SQLite',
    'Piano Basics™ — Café Crème, Straße, Łódź, İstanbul',
    'ＰＹＴＨＯＮ　１日 Ⅱ Nº1 x² ½ ﬁnance',
    'हिन्दी सीखें, தமிழ் கற்க, বাংলা শিখুন, ગુજરાતી, ಕನ್ನಡ',
    'Yoga🧘‍♀️Flow, emoji😀inside, 🎨 Madhubani',
    "Don't panic: Python's e-mail in 3.5 weeks (HTML5, 3D, full-stack T-SQL)",
    'zero\u200bwidth \u202Ebidi\u202C soft\u00ADhyphen tab\tnew\nline',
    // Letters from Unicode 14–15 (Vithkuqi, Kawi, Cyrillic Extended-D): newer than SQLite's tables.
    '\u{10570}\u{10597} \u{11F04}\u{11F05} \u{1E030}\u{1E031}',
    `${'a'.repeat(300)} ${'अ'.repeat(100)}`,
  ];
  const seqs: number[] = [];

  beforeAll(async () => {
    for (const description of samples) {
      const course = addCourse(catalog, courseInput({ description }));
      seqs.push(catalog.db.prepare<[string], { seq: number }>('SELECT seq FROM courses WHERE id = ?').get(course.id)!.seq);
    }
    index = es.alias('terms');
    await createCourseIndex(es.client, index);
  });

  it('FTS5 stores each description’s terms unchanged', () => {
    catalog.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.stored_terms USING fts5vocab(main, course_text, 'instance')`);
    samples.forEach((sample, i) => {
      const stored = catalog.db
        .prepare<[number], { term: string }>(`SELECT term FROM temp.stored_terms WHERE doc = ? AND col = 'description'`)
        .all(seqs[i]!)
        .map((row) => row.term);
      expect(new Set(stored), sample).toEqual(new Set(documentTerms(sample)));
    });
  });

  it('the vocabulary holds every stored term', () => {
    const vocabulary = new Set(
      catalog.db
        .prepare<[], { term: string }>('SELECT term FROM course_terms')
        .all()
        .map((row) => row.term),
    );
    for (const sample of samples) for (const term of documentTerms(sample)) expect(vocabulary.has(term), term).toBe(true);
  });

  it('Elasticsearch’s description_words field indexes each description’s terms unchanged', async () => {
    for (const sample of samples) {
      const analysed = await es.client.indices.analyze({ index, field: 'description_words', text: indexedText(sample) });
      expect(
        (analysed.tokens ?? []).map((token) => token.token),
        sample,
      ).toEqual(documentTerms(sample));
    }
  });
});
