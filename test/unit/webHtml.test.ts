import { describe, expect, it } from 'vitest';
import { calendarDay, calendarMonth, instantInZone } from '../../src/web/pages/format.js';
import { html, markedText } from '../../src/web/pages/html.js';

describe('storefront HTML', () => {
  it('escapes every interpolated value unless it is already HTML', () => {
    const title = `<script>alert("x")</script> & 'more'`;
    expect(html`<h1>${title}</h1>`.text).toBe('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;</h1>');
    expect(html`<p>${html`<b>${'a<b'}</b>`}${[1, 'x>', null, false, undefined]}</p>`.text).toBe('<p><b>a&lt;b</b>1x&gt;</p>');
  });

  it('shows highlights only when they hold nothing but escaped text and <mark>', () => {
    expect(markedText('Learn <mark>Baking</mark> &amp; more', 'Learn Baking & more').toString()).toBe(
      'Learn <mark>Baking</mark> &amp; more',
    );
    expect(html`${markedText('<img src=x onerror=alert(1)><mark>a</mark>', 'plain <b>')}`.text).toBe('plain &lt;b&gt;');
    expect(html`${markedText(undefined, 'plain')}`.text).toBe('plain');
  });

  it('writes days, months and instants as people in India read them', () => {
    expect(calendarDay('2027-10-04')).toBe('Mon, 4 Oct 2027');
    expect(calendarDay('2028-02-29')).toBe('Tue, 29 Feb 2028');
    expect(calendarMonth('2027-01')).toBe('Jan 2027');
    expect(instantInZone(Date.parse('2026-12-31T18:29:00Z'), 'Asia/Kolkata')).toBe('31 Dec 2026, 11:59 pm IST');
  });
});
