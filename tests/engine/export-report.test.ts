// The printable report renders imported text as text and admits only a PNG data URL as image.
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../engine/export/report-html';
import { SAVE_FILE_REQUEST, pngBase64 } from '../../engine/export/save-file';

const EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

describe('reportHtml', () => {
  it('escapes every piece of text', () => {
    const html = reportHtml({
      title: EVIL,
      subtitle: `sub ${EVIL}`,
      blocks: [
        { kind: 'table', heading: EVIL, table: { head: ['Metric', EVIL], rows: [[EVIL, '=1+1']] } },
        { kind: 'notes', heading: 'Warnings', lines: [EVIL] },
      ],
      footer: EVIL,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain("default-src 'none'");
  });

  it('keeps a PNG data URL and drops anything else as image', () => {
    const ok = reportHtml({ title: 't', subtitle: '', footer: '', blocks: [{ kind: 'image', heading: 'Chart', pngDataUrl: 'data:image/png;base64,iVBORw0KGgo=', alt: 'a "chart"' }] });
    expect(ok).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(ok).toContain('alt="a &#34;chart&#34;"');
    const bad = reportHtml({ title: 't', subtitle: '', footer: '', blocks: [{ kind: 'image', heading: 'Chart', pngDataUrl: 'javascript:alert(1)" onload="x', alt: '' }] });
    expect(bad).not.toContain('<img');
    expect(pngBase64('data:image/png;base64,AAA="><script>')).toBeNull();
  });
});

describe('SAVE_FILE_REQUEST', () => {
  it('takes only the listed kinds and encodings, and no extra fields', () => {
    expect(SAVE_FILE_REQUEST.safeParse({ suggestedName: 'a.csv', mime: 'text/csv', data: 'x', encoding: 'utf8' }).success).toBe(true);
    expect(SAVE_FILE_REQUEST.safeParse({ suggestedName: 'a.exe', mime: 'application/x-msdownload', data: 'x', encoding: 'utf8' }).success).toBe(false);
    expect(SAVE_FILE_REQUEST.safeParse({ suggestedName: 'a.csv', mime: 'text/csv', data: 'x', encoding: 'utf8', path: '/etc/passwd' }).success).toBe(false);
    expect(SAVE_FILE_REQUEST.safeParse({ suggestedName: '', mime: 'text/csv', data: 'x', encoding: 'utf8' }).success).toBe(false);
  });
});
