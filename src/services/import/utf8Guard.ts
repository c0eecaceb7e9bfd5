import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

const NEWLINE = 0x0a;

/** How many bytes a UTF-8 sequence has, from its first byte; 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The second byte's range: it is what rules out overlong forms, surrogates and code points above U+10FFFF. */
function secondByteFits(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

/** Offsets of the bytes where invalid sequences start. Only run on a chunk that failed the fast check. */
function invalidOffsets(bytes: Buffer): number[] {
  const offsets: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) {
      const byte = bytes[i + k]!;
      valid = k === 1 ? secondByteFits(lead, byte) : byte >= 0x80 && byte <= 0xbf;
    }
    if (valid) i += length;
    else {
      offsets.push(i);
      i += 1;
    }
  }
  return offsets;
}

/** Where the last complete sequence ends: a sequence split across chunks waits for the next one. */
function completePrefixLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const length = sequenceLength(byte);
      return length > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Passes the file's bytes through unchanged (minus a byte order mark) while noting every line
 * that holds bytes which are not UTF-8. Decoders further on would silently turn such bytes into
 * "�"; with this, the rows on those lines are reported instead of imported garbled.
 */
export class Utf8Guard extends Transform {
  /** Bytes read so far, for progress. */
  bytes = 0;
  /** False until something other than whitespace has been seen: an empty file is a mistake. */
  hasContent = false;
  private line = 1;
  private carry: Buffer | null = null;
  private atStart = true;
  private readonly invalidLines: number[] = [];
  private cursor = 0;
  private readonly outsideRows: number[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    let bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (this.atStart) {
      if (bytes.length < 3 && chunk.length > 0 && [0xef, 0xbb, 0xbf].slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
        this.carry = bytes;
        done();
        return;
      }
      this.atStart = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    const complete = completePrefixLength(bytes);
    if (complete < bytes.length) this.carry = Buffer.from(bytes.subarray(complete));
    const body = bytes.subarray(0, complete);
    this.inspect(body);
    done(null, body);
  }

  override _flush(done: TransformCallback): void {
    if (this.carry) {
      // A sequence cut off by the end of the file (or a lone BOM-like prefix).
      this.inspect(this.carry);
      this.push(this.carry);
    }
    done();
  }

  private inspect(body: Buffer): void {
    if (!this.hasContent) this.hasContent = body.some((byte) => !isBlank(byte));
    const bad = isUtf8(body) ? [] : invalidOffsets(body);
    let next = 0;
    let position = body.indexOf(NEWLINE);
    while (position !== -1 || next < bad.length) {
      if (next < bad.length && (position === -1 || bad[next]! < position)) {
        if (this.invalidLines.at(-1) !== this.line) this.invalidLines.push(this.line);
        next++;
      } else {
        this.line++;
        position = body.indexOf(NEWLINE, position + 1);
      }
    }
  }

  /**
   * The lines from `first` to `last` that held invalid bytes; they count as reported. Rows are
   * asked about in file order, so invalid lines before `first` lie outside any row (a header,
   * the JSON around the courses) and are kept for leftoverInvalidLines.
   */
  takeInvalidLines(first: number, last: number): number[] {
    while (this.cursor < this.invalidLines.length && this.invalidLines[this.cursor]! < first)
      this.outsideRows.push(this.invalidLines[this.cursor++]!);
    const taken: number[] = [];
    while (this.cursor < this.invalidLines.length && this.invalidLines[this.cursor]! <= last) taken.push(this.invalidLines[this.cursor++]!);
    return taken;
  }

  /** Invalid lines no row claimed. */
  leftoverInvalidLines(): number[] {
    return [...this.outsideRows, ...this.invalidLines.slice(this.cursor)];
  }
}
