import type { Readable } from 'node:stream';
import { jsonFieldValues } from './importColumns.js';
import type { ImportProblem } from './importProblem.js';
import { MAX_ROW_BYTES } from './rowSink.js';
import type { RowSink } from './rowSink.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const JSON_HINT = 'check the quotes, commas and braces of this course (a JSON linter such as `jq . file.json` points at the spot)';

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** JSON.parse counts characters from the start of the course; people look for lines and columns. */
function describeJsonError(error: Error, text: string, line: number): string {
  const position = /at position (\d+)/.exec(error.message);
  const what = error.message.replace(/ in JSON at position.*$/s, '').replace(/^Unexpected end of JSON input$/, 'the course ends too early');
  if (!position) return what;
  const before = text.slice(0, Number(position[1]));
  const newlines = before.split('\n').length - 1;
  return `${what} (line ${line + newlines}, column ${before.length - before.lastIndexOf('\n')})`;
}

/** Parses one course's JSON text; anything but an object is a broken row. */
function deliverObject(text: string, line: number, lastLine: number, sink: RowSink, unknownKey: (key: string, line: number) => void): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    sink.badRow({
      line,
      column: null,
      message: `this course is not valid JSON: ${describeJsonError(error as Error, text, line)}`,
      hint: JSON_HINT,
    });
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    sink.badRow({
      line,
      column: null,
      message: 'each course must be a JSON object like {"title": "…", …}',
      hint: 'write one object per course',
    });
    return;
  }
  sink.row(
    jsonFieldValues(value as Record<string, unknown>, line, (key) => unknownKey(key, line)),
    lastLine,
  );
}

/** Unknown keys are reported once per file, at their first appearance, rather than on every course. */
function unknownKeyReporter(sink: RowSink): (key: string, line: number) => void {
  const reported = new Set<string>();
  return (key, line) => {
    if (reported.has(key)) return;
    reported.add(key);
    sink.fileProblem({
      line,
      column: key,
      message: `unknown key "${key}"`,
      hint: 'the keys are title, description, teacher, category, price, start, end, seats, and optionally externalId, freeDays, upgradeUntilDay, status, id, registrations, enrolments, conversion, sale, stopReason (as `catalog export --format json` writes them)',
    });
  };
}

/** One course object per line (`catalog export`'s default). A broken line does not hide the ones after it. */
export async function readNdjsonRows(input: Readable, sink: RowSink): Promise<void> {
  const unknownKey = unknownKeyReporter(sink);
  let pieces: Buffer[] = [];
  let size = 0;
  let line = 1;
  let oversized = false;
  const endLine = () => {
    if (oversized) {
      sink.badRow({
        line,
        column: null,
        message: `this line is larger than ${MAX_ROW_BYTES / 1024 / 1024} MiB`,
        hint: 'a course has at most 5000 characters of description; check this line',
      });
    } else if (size > 0) {
      const text = Buffer.concat(pieces, size).toString('utf8').trim();
      if (text) deliverObject(text, line, line, sink, unknownKey);
    }
    pieces = [];
    size = 0;
    oversized = false;
    line++;
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let from = 0;
    for (let at = chunk.indexOf(NEWLINE); ; at = chunk.indexOf(NEWLINE, from)) {
      const piece = chunk.subarray(from, at === -1 ? chunk.length : at);
      if (!oversized && size + piece.length > MAX_ROW_BYTES) {
        oversized = true;
        pieces = [];
      }
      if (!oversized && piece.length) {
        pieces.push(piece);
        size += piece.length;
      }
      if (at === -1) break;
      endLine();
      from = at + 1;
    }
  }
  if (size > 0 || oversized) endLine();
}

/**
 * A JSON array of course objects (`catalog export --format json`), split into one object at a
 * time by tracking strings and nesting, so a file of any length never sits in memory whole.
 */
export async function readJsonArrayRows(input: Readable, sink: RowSink): Promise<void> {
  const unknownKey = unknownKeyReporter(sink);
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let opened = false;
  let closed = false;
  let expect: 'course' | 'comma' = 'course';
  let courses = 0;
  let element: Buffer[] | null = null;
  let elementSize = 0;
  let elementLine = 0;
  const fatal = (problem: Omit<ImportProblem, 'column'>) => sink.fileProblem({ column: null, ...problem });

  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = element ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === NEWLINE) line++;
      if (element) {
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
          continue;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === 0x7b || byte === 0x5b) depth++;
        else if (byte === 0x7d || byte === 0x5d) {
          depth--;
          if (depth === 1) {
            element.push(chunk.subarray(start, i + 1));
            deliverObject(Buffer.concat(element).toString('utf8'), elementLine, line, sink, unknownKey);
            element = null;
            elementSize = 0;
            courses++;
            expect = 'comma';
          }
        }
        continue;
      }
      if (isBlank(byte)) continue;
      if (depth === 0) {
        if (!opened && byte === 0x5b) {
          opened = true;
          depth = 1;
          continue;
        }
        return fatal(
          closed
            ? {
                line,
                message: 'there is text after the closing ] of the array',
                hint: 'a JSON import file holds exactly one array; remove what follows it',
              }
            : {
                line,
                message: 'a JSON import file must hold an array of courses',
                hint: 'write it as [ {"title": …}, {"title": …} ], as `catalog export --format json` does; use --format ndjson for one object per line',
              },
        );
      }
      if (byte === 0x5d && (expect === 'comma' || courses === 0)) {
        depth = 0;
        closed = true;
      } else if (byte === 0x2c && expect === 'comma') {
        expect = 'course';
      } else if (byte === 0x7b && expect === 'course') {
        element = [];
        elementLine = line;
        depth = 2;
        start = i;
      } else {
        return fatal({
          line,
          message: expect === 'course' ? 'expected a course object ({…}) here' : 'expected a comma or the closing ] here',
          hint: 'the array holds course objects separated by commas, with no comma after the last one',
        });
      }
    }
    if (element) {
      element.push(chunk.subarray(start));
      elementSize += chunk.length - start;
      if (elementSize > MAX_ROW_BYTES) {
        return fatal({
          line: elementLine,
          message: `this course is larger than ${MAX_ROW_BYTES / 1024 / 1024} MiB; the courses after it were not read`,
          hint: 'a course has at most 5000 characters of description; look for a quote that is never closed',
        });
      }
    }
  }
  if (element) fatal({ line: elementLine, message: 'this course object is never closed', hint: JSON_HINT });
  else if (opened && !closed) fatal({ line, message: 'the array is never closed with ]', hint: 'end the file with ]' });
}
