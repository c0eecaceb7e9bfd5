/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is already
 * Html, so text from the catalogue (titles, descriptions, teacher names) can never become markup.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

type Interpolation = Html | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/**
 * Text the search layer already escaped with only `<mark>` tags added (its highlights); anything
 * else in it means the contract was broken, and the plain text is shown instead.
 */
export function markedText(marked: string | undefined, plain: string): Html | string {
  if (marked === undefined) return plain;
  const withoutMarks = marked.replace(/<\/?mark>/g, '');
  return /[<>]/.test(withoutMarks) ? plain : new Html(marked);
}
