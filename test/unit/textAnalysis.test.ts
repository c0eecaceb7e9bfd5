import { describe, expect, it } from 'vitest';
import { documentTerms, indexedText, MAX_TERM_LENGTH, queryWords } from '../../src/domain/text/courseTerms.js';
import { editDistance } from '../../src/domain/text/editDistance.js';
import { foldText } from '../../src/domain/text/foldText.js';
import { stem } from '../../src/domain/text/stem.js';
import { isTypoOf, typosAllowed } from '../../src/domain/text/typoPolicy.js';

describe('foldText', () => {
  it.each([
    ['Café Crème Brûlée', 'cafe creme brulee'],
    ['ＰＹＴＨＯＮ　１日', 'python 1日'],
    ['Excel Ⅱ and Ⅻ', 'excel ii and xii'],
    ['Nº1 Coach', 'no1 coach'],
    ['Straße Øre Łódź Æsop', 'strasse ore lodz aesop'],
    ['İstanbul', 'istanbul'],
    ['ﬁnance ﬂow', 'finance flow'],
    ['x² ½', 'x2 1⁄2'],
  ])('%j → %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('turns brand marks into separators instead of letters (NFKC alone makes ™ "tm")', () => {
    expect(foldText('Piano Basics™ Pro® ©2027')).toBe('piano basics  pro   2027');
  });

  it('drops zero-width and bidi characters without splitting or hiding the word', () => {
    expect(foldText('py\u200Bthon \u202Ejava\u202C sof\u00ADtware \uFEFFgo')).toBe('python java software go');
  });

  it('keeps Devanagari vowel signs and viramas (they are parts of the letters)', () => {
    expect(foldText('हिन्दी सीखें')).toBe('हिन्दी सीखें');
  });

  it('is idempotent', () => {
    for (const text of ['Café ＰＹ Ⅱ Nº1 Straße हिन्दी', 'İİ ǅ ﬁ']) expect(foldText(foldText(text))).toBe(foldText(text));
  });
});

describe('words and terms', () => {
  const terms = (text: string) => queryWords(text).map((word) => word.term);

  it.each([
    ['C++', ['c++']],
    ['C#', ['c#']],
    ['F#', ['f#']],
    ['C', ['c']],
    ['.NET', ['.net']],
    ['ASP.NET', ['asp.net']],
    ['Node.js', ['nodejs']],
    ['nodejs', ['nodejs']],
    ['3D', ['3d']],
    ['HTML5', ['html5']],
    ['g++ notepad++', ['g++', 'notepad++']],
  ])('keeps the technology name %j whole', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('never lets C++, C# and C find each other', () => {
    const [cpp, cs, c] = [terms('C++')[0], terms('C#')[0], terms('C')[0]];
    expect(new Set([cpp, cs, c]).size).toBe(3);
    expect(documentTerms('Learn C++ in a week')).not.toContain('c');
    expect(documentTerms('Ukulele in the key of C')).not.toContain('c++');
  });

  it('treats node.js and nodejs as one term, and a hashtag as a plain word', () => {
    expect(documentTerms('Node.js APIs')).toContain('nodejs');
    expect(documentTerms('NodeJS APIs')).toContain('nodejs');
    expect(terms('#python')).toEqual(['python']);
  });

  it('does not let a glued symbol hide a word', () => {
    expect(terms('Piano Basics™')).toEqual(['piano', 'basic']);
    expect(terms('Basics®/Advanced©')).toEqual(['basic', 'advanc']);
    expect(terms('Yoga🧘‍♀️Flow')).toEqual(['yoga', 'flow']);
  });

  it('splits on query syntax and punctuation: no character is special', () => {
    expect(terms('title:"baking" AND (bread*) -x NEAR/2 ^y')).toEqual(['titl', 'bake', 'and', 'bread', 'x', 'near', '2', 'y']);
  });

  it('keeps Indic words whole, vowel signs and all', () => {
    expect(terms('हिन्दी सीखें')).toEqual(['हिन्दी', 'सीखें']);
    expect(terms('தமிழ் கற்க')).toEqual(['தமிழ்', 'கற்க']);
  });

  it('stems English word forms to one term, and keeps the words as written too in documents', () => {
    expect(new Set(['baking', 'baked', 'bakes', 'Bake'].map((word) => terms(word)[0]))).toEqual(new Set(['bake']));
    expect(documentTerms('Evenings of Baking')).toEqual(['even', 'evenings', 'of', 'bake', 'baking']);
    expect(terms('photographs photography')).toEqual(['photograph', 'photographi']);
  });

  it('handles apostrophes: possessives go, contractions join', () => {
    expect(terms("Python's don’t")).toEqual(['python', 'dont']);
  });

  it('adds compound parts to documents only: sql finds MySQL, node finds Node.js', () => {
    expect(documentTerms('MySQL PostgreSQL NoSQL SQLite')).toEqual(expect.arrayContaining(['sql', 'postgr']));
    expect(documentTerms('Node.js and Vue.js')).toEqual(expect.arrayContaining(['node', 'vue', 'nodejs', 'vuejs']));
    expect(documentTerms('ASP.NET')).toEqual(['asp.net', 'asp', '.net']);
    expect(documentTerms('HTML5 Python3')).toEqual(expect.arrayContaining(['html', 'python']));
    expect(documentTerms('e-mail full-stack')).toEqual(expect.arrayContaining(['email', 'fullstack']));
    expect(terms('MySQL')).toEqual(['mysql']);
  });

  it('splits other dotted and hyphenated words', () => {
    expect(terms('3.5 e-mail www.example.com')).toEqual(['3', '5', 'e', 'mail', 'www', 'exampl', 'com']);
  });

  it('keeps numbers whole as their own terms, each new one as the first, and cuts a long one like any word', () => {
    for (let batch = 0; batch < 3; batch++)
      expect(documentTerms(`Python batch ${batch} 0${batch}7 ２０２６`)).toEqual(['python', 'batch', `${batch}`, `0${batch}7`, '2026']);
    expect(queryWords('batch 12345')).toEqual([
      { term: 'batch', typed: 'batch' },
      { term: '12345', typed: '12345' },
    ]);
    expect(documentTerms('1'.repeat(100))).toEqual(['1'.repeat(MAX_TERM_LENGTH)]);
  });

  it('cuts terms at MAX_TERM_LENGTH code points, the same for documents and queries', () => {
    const long = 'अ'.repeat(200);
    expect(Array.from(terms(long)[0]!)).toHaveLength(MAX_TERM_LENGTH);
    expect(documentTerms(long)).toEqual(terms(long));
  });

  it('gives each query term once, with the word as typed', () => {
    expect(queryWords('Baking bakes BAKED bread')).toEqual([
      { term: 'bake', typed: 'baking' },
      { term: 'bread', typed: 'bread' },
    ]);
  });

  it('yields space-separated terms without any space inside a term', () => {
    const text = indexedText('C# & .NET\tfor\u00A0Node.js — हिन्दी, 10,000 chars');
    expect(text.split(' ').every((term) => term.length > 0 && !/\s/.test(term))).toBe(true);
  });

  it('analyses ASCII text (its faster path) as the general path does', () => {
    for (const text of ["C++ & C# in 3.5 weeks, Node.js .NET e-mail don't", 'foo_bar A/B 100%', '  spaces  ', '']) {
      // A trailing non-ASCII word sends the same text down the general path.
      expect(documentTerms(`${text} é`).filter((term) => term !== 'e')).toEqual(documentTerms(text).filter((term) => term !== 'e'));
    }
  });

  it('finds the same chunks on the ASCII path as the general path, for any mix of joiners and marks', () => {
    const pieces = ['c', 'net', 'js', 'node', 'sql', '3', '5d', '.', '-', "'", "'s", '+', '++', '#', ' ', '_', '/', 'A', 'Ab'];
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = 1 + (next() % 12); n > 0; n--) text += pieces[next() % pieces.length];
      expect(
        documentTerms(`${text} é`).filter((term) => term !== 'e'),
        text,
      ).toEqual(documentTerms(text).filter((term) => term !== 'e'));
    }
  });
});

describe('stem', () => {
  it('stems plain Latin words only', () => {
    expect(stem('courses')).toBe('cours');
    expect(stem('nodejs')).toBe('nodejs');
    expect(stem('html5')).toBe('html5');
    expect(stem('c++')).toBe('c++');
    expect(stem('हिन्दी')).toBe('हिन्दी');
  });
});

describe('editDistance (optimal string alignment, in code points)', () => {
  it.each([
    ['python', 'python', 0],
    ['pyhton', 'python', 1],
    ['pythn', 'python', 1],
    ['pythonn', 'python', 1],
    ['pithon', 'python', 1],
    ['javscript', 'javascript', 1],
    ['jvascrpt', 'javascript', 2],
    ['ca', 'abc', 3],
    ['हिन्दि', 'हिन्दी', 1],
    ['😀a', '😀b', 1],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b, 5)).toBe(distance);
    expect(editDistance(b, a, 5)).toBe(distance);
  });

  it('stops early past the maximum', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('short', 'muchlongerword', 1)).toBe(2);
  });
});

describe('typo policy', () => {
  it('allows no typo under 5 letters, one from 5, two from 9 (letters of the term)', () => {
    expect([1, 2, 3, 4].map((n) => typosAllowed('a'.repeat(n)))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => typosAllowed('a'.repeat(n)))).toEqual([1, 1, 1, 1]);
    expect([9, 12, 30].map((n) => typosAllowed('a'.repeat(n)))).toEqual([2, 2, 2]);
    expect(typosAllowed('हिन्दी')).toBe(1); // 6 code points
  });

  it('counts the typos from the word as typed, and never changes the first letter', () => {
    const word = (text: string) => queryWords(text)[0]!;
    expect(isTypoOf('python', word('pyhton'))).toBe(true);
    expect(isTypoOf('javascript', word('javscript'))).toBe(true);
    expect(isTypoOf('guitar', word('guitr'))).toBe(true);
    expect(isTypoOf('evenings', word('evenins'))).toBe(true);
    expect(isTypoOf('python', word('ython'))).toBe(false);
    expect(isTypoOf('in', word('INF'))).toBe(false);
    expect(isTypoOf('banking', word('baking'))).toBe(false); // "bake" has 4 letters
    expect(isTypoOf('bake', word('baking'))).toBe(false); // its own term is an exact match
  });
});
