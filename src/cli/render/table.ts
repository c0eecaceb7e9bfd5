import Table from 'cli-table3';
import chalk from '../style.js';

/** One column of a table for people. */
export interface Column<Row> {
  header: string;
  /** The cell, styled or not; its visible width is measured without colour codes. */
  cell: (row: Row) => string;
  align?: 'left' | 'right';
  /**
   * Columns that may go when the terminal is too narrow, lowest first: the table stays one line
   * per row rather than wrapping. Columns without it always stay.
   */
  dropOrder?: number;
  /** A column that may be cut short (with "…") down to this many characters, e.g. titles. */
  shrinkTo?: number;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Characters a cell takes on screen: colour codes take none. */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** cli-table3 draws "│ cell │": a space each side of every cell, a border between and around. */
const PADDING = 2;
/** How narrow a shrinkable column may get when nothing else is left to give. */
const LAST_RESORT_WIDTH = 8;
const tableWidth = (widths: number[]) => widths.reduce((sum, w) => sum + w + PADDING, 0) + widths.length + 1;

/**
 * Which columns fit in `width` characters, and how wide each is: low-value columns are dropped
 * (lowest dropOrder first) until the columns that may shrink can take up the difference. With
 * no width (not a terminal, or unknown) every column keeps its natural width.
 */
export function fitColumns(
  natural: number[],
  columns: Pick<Column<unknown>, 'dropOrder' | 'shrinkTo'>[],
  width?: number,
): { keep: number[]; widths: number[] } {
  let keep = columns.map((_, i) => i);
  const widthsOf = (indexes: number[]) => indexes.map((i) => natural[i]!);
  if (width === undefined || tableWidth(widthsOf(keep)) <= width) return { keep, widths: widthsOf(keep) };
  const smallest = (indexes: number[]) => tableWidth(indexes.map((i) => Math.min(natural[i]!, columns[i]!.shrinkTo ?? natural[i]!)));
  const droppable = keep.filter((i) => columns[i]!.dropOrder !== undefined).sort((a, b) => columns[a]!.dropOrder! - columns[b]!.dropOrder!);
  while (droppable.length && smallest(keep) > width) {
    const dropped = droppable.shift()!;
    keep = keep.filter((i) => i !== dropped);
    if (tableWidth(widthsOf(keep)) <= width) return { keep, widths: widthsOf(keep) };
  }
  // Shrink the shrinkable columns, widest first, a character at a time, down to their floor;
  // on a terminal too narrow even for that, below it, to a last few characters.
  const widths = widthsOf(keep);
  for (const floorOf of [
    (i: number) => columns[i]!.shrinkTo,
    (i: number) => (columns[i]!.shrinkTo === undefined ? undefined : LAST_RESORT_WIDTH),
  ]) {
    for (let excess = tableWidth(widths) - width; excess > 0; excess--) {
      let widest = -1;
      for (let k = 0; k < keep.length; k++) {
        const floor = floorOf(keep[k]!);
        if (floor !== undefined && widths[k]! > floor && (widest < 0 || widths[k]! > widths[widest]!)) widest = k;
      }
      if (widest < 0) break;
      widths[widest]!--;
    }
  }
  return { keep, widths };
}

/** Cuts `text` to `width` visible characters, ending in "…"; colour codes are kept and closed. */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = '';
  let shown = 0;
  let styled = false;
  for (const part of text.split(/(\u001b\[[0-9;]*m)/)) {
    if (part.startsWith('\u001b[')) {
      out += part;
      styled = true;
      continue;
    }
    for (const character of part) {
      if (shown === width - 1) return `${out}…${styled ? '\u001b[0m' : ''}`;
      out += character;
      shown++;
    }
  }
  return out;
}

/**
 * Rows as a bordered table for a terminal `width` characters wide: one line per row, whatever
 * the width (columns dropped or cut short as each column allows), in colour when the terminal has it.
 */
export function renderTable<Row>(columns: Column<Row>[], rows: Row[], width?: number): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const natural = columns.map((column, i) => Math.max(visibleWidth(column.header), ...cells.map((row) => visibleWidth(row[i]!))));
  const { keep, widths } = fitColumns(natural, columns, width);
  const table = new Table({
    head: keep.map((i) => chalk.bold(truncate(columns[i]!.header, widths[keep.indexOf(i)]!))),
    style: { head: [], border: chalk.level ? ['grey'] : [] },
    colAligns: keep.map((i) => columns[i]!.align ?? 'left'),
    colWidths: widths.map((w) => w + PADDING),
    wordWrap: false,
  });
  for (const row of cells) table.push(keep.map((i, k) => truncate(row[i]!, widths[k]!)));
  // Every row is one line: a rule under the header is enough, not one between every two rows.
  return table
    .toString()
    .split('\n')
    .filter((line, index) => index <= 2 || !line.replace(ANSI, '').startsWith('├'))
    .join('\n');
}

/**
 * Rows for another program: a header line, then one line per row, fields separated by tabs
 * (tabs and line breaks inside a value become spaces), no colour, nothing cut short.
 */
export function renderTsv(fields: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const clean = (value: string | number | boolean | null | undefined) => (value == null ? '' : String(value).replace(/[\t\r\n]+/g, ' '));
  return [fields, ...rows].map((row) => row.map(clean).join('\t')).join('\n');
}
