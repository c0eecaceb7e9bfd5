import fs from 'node:fs';
import { CatalogError, ExitCode, UsageError, ValidationError } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';

/**
 * A YAML or JSON document read from a file (or stdin as "-"), with a way to find the line a
 * field's value sits on, so a problem can point at it. JSON is read without the YAML parser:
 * scripts answering an assessment with a JSON file never load it.
 */
export interface StructuredDocument {
  value: unknown;
  /** The line (1-based) of the value at a problem's path (`questions[2].answer`), when known. */
  lineOf: (path: string) => number | undefined;
}

const MAX_BYTES = 5 * 1024 * 1024;

export function readDocumentText(file: string, what: string): string {
  try {
    if (file === '-') return fs.readFileSync(0, 'utf8');
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${file} is a folder, not ${what}`, `name the ${what} file itself`);
    if (stat.size > MAX_BYTES) throw new UsageError(`${file} is larger than 5 MiB`, `is it really ${what}?`);
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CatalogError(`no such file: ${file}`, ExitCode.usage, `check the path to the ${what}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new CatalogError(`cannot read ${file}: permission denied`, ExitCode.failure, 'check its permissions');
    throw new CatalogError(`cannot read ${file}: ${(error as Error).message}`, ExitCode.failure, 'check the file and try again');
  }
}

/** Path segments of `questions[2].answer`: ['questions', 2, 'answer']. */
function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [];
    if (match[1]) segments.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

function looksLikeJson(file: string, text: string): boolean {
  if (file.endsWith('.json')) return true;
  if (file.endsWith('.yaml') || file.endsWith('.yml')) return false;
  return /^\s*[{[]/.test(text);
}

export async function parseDocument(file: string, text: string, what: string): Promise<StructuredDocument> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeJson(file, body)) {
    try {
      return { value: JSON.parse(body), lineOf: () => undefined };
    } catch (error) {
      throw new UsageError(
        `${file === '-' ? 'stdin' : file} is not valid JSON: ${(error as Error).message}`,
        `fix the JSON, or write the ${what} as YAML`,
      );
    }
  }
  const yaml = await import('yaml');
  const lines = new yaml.LineCounter();
  const document = yaml.parseDocument(body, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length) {
    const problems: FieldProblem[] = document.errors.map((error) => ({
      field: `line ${lines.linePos(error.pos[0]).line}`,
      message: error.message.split('\n')[0]!,
      hint: `fix the YAML syntax of the ${what}`,
    }));
    throw new ValidationError(problems);
  }
  return {
    value: document.toJS({ maxAliasCount: 100 }),
    lineOf: (path) => {
      const segments = pathSegments(path);
      if (!segments.length) return undefined;
      // The node itself, or failing that the nearest ancestor (a missing field points at its parent).
      for (let n = segments.length; n > 0; n--) {
        const node = document.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return lines.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Problems with the line each one's value is on, when the document knows it. */
export function locatedProblems(problems: FieldProblem[], document: StructuredDocument): FieldProblem[] {
  return problems.map((problem) => {
    const line = document.lineOf(problem.field);
    return line === undefined ? problem : { ...problem, field: `${problem.field} (line ${line})` };
  });
}
