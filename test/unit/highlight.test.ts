import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../src/domain/searchQuery.js';
import { escapeHtml, highlightCourse, SNIPPET_LENGTH } from '../../src/domain/text/highlight.js';
import { markedPieces } from '../../src/cli/render/searchExtras.js';

const words = (text: string) => searchTerms(text);

describe('highlightCourse', () => {
  it('marks exact words, word forms, typos and the last word as a prefix', () => {
    expect(highlightCourse(words('baking'), 'Bake Bread, Baked Goods', '').title).toBe('<mark>Bake</mark> Bread, <mark>Baked</mark> Goods');
    expect(highlightCourse(words('pyhton'), 'Python (3.12) for All', '').title).toBe('<mark>Python</mark> (3.12) for All');
    expect(highlightCourse(words('photosho'), 'Photoshop® Tricks', '').title).toBe('<mark>Photoshop</mark>® Tricks');
    expect(highlightCourse(words('c++'), 'C, C++ and C#', '').title).toBe('C, <mark>C++</mark> and C#');
    expect(highlightCourse(words('node'), 'Node.js. NodeJS!', '').title).toBe('<mark>Node.js</mark>. <mark>NodeJS</mark>!');
    expect(highlightCourse(words('.net'), 'ASP.NET and .NET', '').title).toBe('<mark>ASP.NET</mark> and <mark>.NET</mark>');
    expect(highlightCourse(words('cafe'), 'Café ＣＡＦＥ', '').title).toBe('<mark>Café</mark> <mark>ＣＡＦＥ</mark>');
    expect(highlightCourse(words('हिन्दी'), 'हिन्दी सीखें', '').title).toBe('<mark>हिन्दी</mark> सीखें');
  });

  it('escapes every character HTML gives meaning to, inside and outside the marks', () => {
    const highlight = highlightCourse(words('tricks'), `<img src=x onerror="alert('x')"> & Tricks<>`, 'A <b>tricks</b> & "treats"');
    expect(highlight.title).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; <mark>Tricks</mark>&lt;&gt;');
    expect(highlight.description).toBe('A &lt;b&gt;<mark>tricks</mark>&lt;/b&gt; &amp; &quot;treats&quot;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('gives a description snippet around the first match, whole when short, none without a match', () => {
    const long = `${'Intro words here. '.repeat(20)}Then python appears. ${'More words after it. '.repeat(20)}`;
    const snippet = highlightCourse(words('python'), 'A course', long).description!;
    expect(snippet).toMatch(/^….*<mark>python<\/mark>.*…$/);
    expect(snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(SNIPPET_LENGTH + 60);
    expect(highlightCourse(words('python'), 'A course', 'Short python text.').description).toBe('Short <mark>python</mark> text.');
    expect(highlightCourse(words('python'), 'Python', 'Nothing here.')).toEqual({ title: '<mark>Python</mark>' });
    expect(highlightCourse(words(''), 'Python', 'Python')).toEqual({});
  });

  it('reads back as plain pieces for a terminal', () => {
    expect(markedPieces('&lt;b&gt; <mark>C++</mark> &amp; <mark>Tom&#39;s</mark>')).toEqual([
      { text: '<b> ', marked: false },
      { text: 'C++', marked: true },
      { text: ' & ', marked: false },
      { text: "Tom's", marked: true },
    ]);
  });
});
