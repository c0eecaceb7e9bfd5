import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSessionLive, SESSION_IDLE_MS, SESSION_LIFETIME_MS, sessionExpiresAt } from '../../src/domain/studentSession.js';
import {
  csrfTokenFor,
  hashSessionToken,
  isCsrfTokenValid,
  isSessionTokenShaped,
  newSessionToken,
} from '../../src/security/sessionTokens.js';
import { contentDisposition } from '../../src/web/materialFile.js';
import { readForm } from '../../src/web/plugins/forms.js';
import { answersFromForm } from '../../src/web/routes/studentAssessments.js';

describe('session tokens', () => {
  it('are 256 random bits, stored as a SHA-256', () => {
    const tokens = new Set(Array.from({ length: 500 }, newSessionToken));
    expect(tokens.size).toBe(500);
    for (const token of tokens) expect(isSessionTokenShaped(token)).toBe(true);
    const [token] = tokens;
    expect(hashSessionToken(token!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(token!)).not.toContain(token);
    for (const bad of [undefined, '', 'short', `${token}x`, `${token!.slice(0, 42)}=`]) expect(isSessionTokenShaped(bad)).toBe(false);
  });

  it('a session ends at its lifetime, or sooner after a day without a request', () => {
    const start = 1_000_000;
    const session = { createdAt: start, lastSeenAt: start, expiresAt: sessionExpiresAt(start) };
    expect(isSessionLive(session, start + SESSION_IDLE_MS - 1)).toBe(true);
    expect(isSessionLive(session, start + SESSION_IDLE_MS)).toBe(false);
    const busy = { ...session, lastSeenAt: start + SESSION_LIFETIME_MS - 1000 };
    expect(isSessionLive(busy, start + SESSION_LIFETIME_MS - 1)).toBe(true);
    expect(isSessionLive(busy, start + SESSION_LIFETIME_MS)).toBe(false);
  });

  it("a form's token is an HMAC of the browser's own cookie token, checked in full", () => {
    const cookie = newSessionToken();
    const token = csrfTokenFor(cookie);
    expect(token).toBe(createHmac('sha256', cookie).update('catalog form v1').digest('base64url'));
    expect(isCsrfTokenValid(cookie, token)).toBe(true);
    expect(isCsrfTokenValid(newSessionToken(), token)).toBe(false);
    expect(isCsrfTokenValid(cookie, token.slice(0, -1))).toBe(false);
    expect(isCsrfTokenValid(cookie, undefined)).toBe(false);
    expect(isCsrfTokenValid(cookie, [token])).toBe(false);
    expect(isCsrfTokenValid(undefined, token)).toBe(false);
  });
});

describe('downloads and forms', () => {
  it('Content-Disposition names the file safely: ASCII fallback, exact name encoded, no path, no header breaking', () => {
    expect(contentDisposition('attachment', 'notes.pdf')).toBe(`attachment; filename="notes.pdf"; filename*=UTF-8''notes.pdf`);
    expect(contentDisposition('inline', 'résumé (final).pdf')).toBe(
      `inline; filename="r_sum_ (final).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29.pdf`,
    );
    expect(contentDisposition('attachment', '../../etc/passwd')).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
    const hostile = contentDisposition('attachment', 'a"b\\c;\r\nSet-Cookie: x=1.txt');
    expect(hostile).not.toMatch(/[\r\n]/);
    expect(hostile.split('filename="')[1]!.split('"')[0]).not.toMatch(/["\\;]/);
    expect(contentDisposition('attachment', '')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });

  it('a form body keeps repeated fields as a list; answers leave out blanks and keep multiple choices as lists', () => {
    const form = readForm('_csrf=t&answer.q1=def&answer.q2=tuple&answer.q2=str&answer.q3=+1024+&answer.q4=&answer.q5=pip%20');
    expect(form).toEqual({
      _csrf: 't',
      'answer.q1': 'def',
      'answer.q2': ['tuple', 'str'],
      'answer.q3': ' 1024 ',
      'answer.q4': '',
      'answer.q5': 'pip ',
    });
    expect(answersFromForm(form)).toEqual({ q1: 'def', q2: ['tuple', 'str'], q3: ' 1024 ', q5: 'pip ' });
  });
});
