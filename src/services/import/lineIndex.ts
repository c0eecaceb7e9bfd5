import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

const NEWLINE = 0x0a;

/**
 * Passes bytes through and remembers where lines start, so a reader that knows a byte offset
 * can name the line. csv-parse's own line count is off for CRLF inside quoted cells (it counts
 * CR and LF separately there); a line here is what an editor shows: text up to a "\n".
 * Offsets are asked for in increasing order, so only newlines not yet passed are kept: memory
 * stays bounded by what the stream has buffered, not by the size of the file.
 */
export class LineIndex extends Transform {
  private offset = 0;
  private readonly pending: number[] = [];
  private head = 0;
  private passed = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) this.pending.push(this.offset + at);
    this.offset += chunk.length;
    done(null, chunk);
  }

  /** The 1-based line holding the byte at `offset` (never less than for an earlier call). */
  lineAt(offset: number): number {
    while (this.head < this.pending.length && this.pending[this.head]! < offset) {
      this.head++;
      this.passed++;
    }
    if (this.head > 4096) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    return this.passed + 1;
  }
}
