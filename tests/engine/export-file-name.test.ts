// File names from imported text: nothing that points elsewhere, nothing Windows refuses, nothing too long.
import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME, sanitiseFileName } from '../../engine/export/file-name';

describe('sanitiseFileName', () => {
  it('never keeps a path: separators become dashes and leading dots go', () => {
    const name = sanitiseFileName('../../etc/passwd', 'csv');
    expect(name).toBe('etc-passwd.csv');
    expect(name).not.toMatch(/[/\\]/);
    expect(sanitiseFileName('..\\..\\Windows\\win.ini')).toBe('Windows-win.ini');
    expect(sanitiseFileName('/abs/path', 'png')).toBe('abs-path.png');
  });

  it('prefixes reserved Windows device names, with or without an extension', () => {
    expect(sanitiseFileName('CON', 'csv')).toBe('_CON.csv');
    expect(sanitiseFileName('con.csv', 'csv')).toBe('_con.csv');
    expect(sanitiseFileName('lpt1')).toBe('_lpt1');
    expect(sanitiseFileName('nul.txt')).toBe('_nul.txt');
    expect(sanitiseFileName('CONSOLE', 'csv')).toBe('CONSOLE.csv');
  });

  it('replaces characters Windows forbids and control characters', () => {
    expect(sanitiseFileName('a/b\\c:d*?', 'csv')).toBe('a-b-c-d.csv');
    expect(sanitiseFileName('x<y>"z"|w', 'csv')).toBe('x-y-z-w.csv');
    expect(sanitiseFileName('tab\there\nnewline\u0000nul', 'csv')).toBe('tab-here-newline-nul.csv');
  });

  it('trims trailing dots and spaces and falls back when nothing is left', () => {
    expect(sanitiseFileName('report. . ', 'html')).toBe('report.html');
    expect(sanitiseFileName('...', 'csv')).toBe('handoff-lab-export.csv');
    expect(sanitiseFileName('', 'csv')).toBe('handoff-lab-export.csv');
  });

  it('caps the length, keeping the extension and whole characters', () => {
    const long = sanitiseFileName('x'.repeat(300), 'csv');
    expect(long).toBe(`${'x'.repeat(MAX_FILE_NAME)}.csv`);
    const emoji = sanitiseFileName('🚀'.repeat(300), 'png');
    expect(Array.from(emoji.replace(/\.png$/, ''))).toHaveLength(MAX_FILE_NAME);
    expect(emoji.endsWith('.png')).toBe(true);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('keeps ordinary names and unicode, and does not double the extension', () => {
    expect(sanitiseFileName('Threshold 60 -> 75', 'csv')).toBe('Threshold 60 - 75.csv');
    expect(sanitiseFileName('Zürich – 東京', 'csv')).toBe('Zürich – 東京.csv');
    expect(sanitiseFileName('compare.csv', 'csv')).toBe('compare.csv');
  });
});
