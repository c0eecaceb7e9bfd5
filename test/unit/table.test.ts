import { describe, expect, it } from 'vitest';
import { fitColumns, renderTable, renderTsv, truncate, visibleWidth } from '../../src/cli/render/table.js';

describe('tables fitted to a terminal (issue 10, item 17)', () => {
  const columns = [{}, { shrinkTo: 10 }, { dropOrder: 2 }, {}, { dropOrder: 1 }];
  // Natural widths: id 14, title 40, teacher 20, price 6, days 4 → 84 + 5 × 2 padding + 6 borders = 100.
  const natural = [14, 40, 20, 6, 4];

  it('keeps every column at its natural width when they fit, or when the width is unknown', () => {
    expect(fitColumns(natural, columns, 100)).toEqual({ keep: [0, 1, 2, 3, 4], widths: natural });
    expect(fitColumns(natural, columns)).toEqual({ keep: [0, 1, 2, 3, 4], widths: natural });
  });

  it('shrinks what may shrink before dropping anything', () => {
    expect(fitColumns(natural, columns, 90)).toEqual({ keep: [0, 1, 2, 3, 4], widths: [14, 30, 20, 6, 4] });
  });

  it('drops the lowest dropOrder first when shrinking to the floors is not enough, then shrinks no more than needed', () => {
    // At 80 the title can give the 20 characters: nothing goes.
    expect(fitColumns(natural, columns, 80)).toEqual({ keep: [0, 1, 2, 3, 4], widths: [14, 20, 20, 6, 4] });
    // At 60 "days" (1) then "teacher" (2) go; the title then gives 10 of its 40.
    expect(fitColumns(natural, columns, 60)).toEqual({ keep: [0, 1, 3], widths: [14, 30, 6] });
  });

  it('on a terminal too narrow for the floors, shrinks past them to a last few characters', () => {
    expect(fitColumns(natural, columns, 40)).toEqual({ keep: [0, 1, 3], widths: [14, 10, 6] });
    expect(fitColumns(natural, columns, 38)).toEqual({ keep: [0, 1, 3], widths: [14, 8, 6] });
  });

  it('cuts text to a width with "…", keeping colour codes and closing them', () => {
    expect(truncate('Sourdough at Home', 10)).toBe('Sourdough…');
    expect(truncate('Bread', 10)).toBe('Bread');
    const bold = '\u001b[1mSourdough\u001b[22m at Home';
    const cut = truncate(bold, 6);
    expect(cut).toBe('\u001b[1mSourd…\u001b[0m');
    expect(visibleWidth(cut)).toBe(6);
  });

  it('renders one line per row, no wider than asked, with a rule under the header only', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `crs_${i}`, title: 'A rather long course title that goes on' }));
    const table = renderTable(
      [
        { header: 'ID', cell: (r: { id: string }) => r.id },
        { header: 'Title', cell: (r: { title: string }) => r.title, shrinkTo: 8 },
      ],
      rows,
      30,
    );
    const lines = table.split('\n');
    expect(lines).toHaveLength(3 + 5 + 1);
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(30);
  });

  it('TSV: a header, one line per row, tabs and line breaks inside values become spaces', () => {
    expect(
      renderTsv(
        ['id', 'title', 'seats'],
        [
          ['crs_1', 'Bread\tand\nbutter', 12],
          ['crs_2', null, 0],
        ],
      ),
    ).toBe('id\ttitle\tseats\ncrs_1\tBread and butter\t12\ncrs_2\t\t0');
  });
});
