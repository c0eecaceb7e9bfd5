import fs from 'node:fs';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * What a file that should be a database is, in a few words a person recognises ("a CSV file",
 * "an empty file"), from its first bytes: said when refusing it, so a mistyped --db is obvious.
 */
export function describeFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'missing';
  }
  if (stat.isDirectory()) return 'a folder';
  if (!stat.isFile()) return 'not a regular file';
  if (stat.size === 0) return 'an empty file (0 bytes)';
  const head = Buffer.alloc(Math.min(512, stat.size));
  try {
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return 'a file this user may not read';
  }
  if (head.toString('latin1', 0, 16) === SQLITE_HEADER) return 'an SQLite database';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'a gzip archive';
  if (head.toString('latin1', 0, 4) === 'PK\u0003\u0004') return 'a zip archive';
  if (head.toString('latin1', 0, 5) === '%PDF-') return 'a PDF document';
  const text = head.toString('utf8');
  // The sample may end inside a character: only a bad sequence before its last bytes counts.
  const checked = head.length < stat.size ? text.slice(0, -4) : text;
  if (head.includes(0) || checked.includes('\uFFFD')) return 'a binary file of another kind';
  const firstLine =
    text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split('\n')[0] ?? '';
  if (/^[[{]/.test(firstLine)) return 'a JSON file';
  if (firstLine.includes(',')) return 'a CSV file';
  return 'a text file';
}
