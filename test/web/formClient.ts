/**
 * A browser's cookie jar and forms without a browser: cookies kept by name and path as a browser
 * keeps them, forms posted urlencoded with the page's CSRF token, redirects not followed (the
 * tests look at them).
 */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
  attributes: string;
}

export class FormClient {
  readonly cookies = new Map<string, Cookie>();

  constructor(
    readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  cookieHeader(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, cookie]) => path.startsWith(cookie.path))
      .map(([, cookie]) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private keep(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const maxAge = attributes.find((a) => /^max-age=/i.test(a));
      const key = `${name}@${path}`;
      if (maxAge && Number(maxAge.slice(8)) <= 0) this.cookies.delete(key);
      else this.cookies.set(key, { name, value: pair!.slice(eq + 1), path, attributes: attributes.join('; ') });
    }
  }

  /** The value of a cookie by name (any path). */
  cookie(name: string): string | undefined {
    for (const [key, cookie] of this.cookies) if (key.startsWith(`${name}@`)) return cookie.value;
    return undefined;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.cookies.set(`${name}@${path}`, { name, value, path, attributes: '' });
  }

  async request(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const cookie = this.cookieHeader(path.split('?')[0]!);
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...this.extraHeaders, ...(cookie && { cookie }), ...init.headers },
      ...(init.body !== undefined && { body: init.body }),
    });
    this.keep(response.headers);
    return { status: response.status, headers: response.headers, text: await response.text(), location: response.headers.get('location') };
  }

  get(path: string): Promise<Answer> {
    return this.request('GET', path);
  }

  post(path: string, fields: Record<string, string | string[]>): Promise<Answer> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    return this.request('POST', path, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Loads a page and posts its form (the first with this action) with these fields and the page's token. */
  async submit(pagePath: string, action: string, fields: Record<string, string | string[]>): Promise<Answer> {
    const page = await this.get(pagePath);
    return this.post(action, { _csrf: csrfTokenIn(page.text, action), ...fields });
  }
}

/** The `_csrf` value of the form posting to `action` on a page. */
export function csrfTokenIn(html: string, action?: string): string {
  const forms = html.split('<form').slice(1);
  const form = action ? forms.find((f) => f.includes(`action="${action}"`)) : forms[0];
  const token = form && /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
  if (!token) throw new Error(`no form${action ? ` posting to ${action}` : ''} with a CSRF token on the page`);
  return token;
}
