// A one-page printable report as a standalone HTML document. Every piece of
// text (scenario names come from users and imports) is escaped, so the report
// shows it as text and never runs it; the only image allowed is a PNG data
// URL, and the page carries a CSP that forbids scripts. Node-free.
import { pngBase64 } from './save-file';

export interface ReportTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export type ReportBlock =
  | { readonly kind: 'table'; readonly heading: string; readonly table: ReportTable }
  | { readonly kind: 'notes'; readonly heading: string; readonly lines: readonly string[] }
  | { readonly kind: 'image'; readonly heading: string; readonly pngDataUrl: string; readonly alt: string };

export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly blocks: readonly ReportBlock[];
  readonly footer: string;
}

export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 12px/1.45 Inter, 'Segoe UI', system-ui, sans-serif; color: #1c2433; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 2px; }
.sub { color: #667085; margin: 0 0 14px; }
h2 { font-size: 13px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: #475467; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e6e9ef; padding: 4px 8px; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
th { background: #f4f6fa; font-weight: 600; }
img { max-width: 100%; max-height: 300px; }
ul { margin: 0; padding-left: 18px; }
footer { margin-top: 16px; color: #667085; font-size: 11px; }
@media print { body { margin: 0; } }
`;

function blockHtml(block: ReportBlock): string {
  const heading = `<h2>${escapeHtmlText(block.heading)}</h2>`;
  switch (block.kind) {
    case 'table': {
      const head = `<tr>${block.table.head.map((h) => `<th scope="col">${escapeHtmlText(h)}</th>`).join('')}</tr>`;
      const rows = block.table.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtmlText(c)}</td>`).join('')}</tr>`).join('');
      return `<section>${heading}<table><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
    }
    case 'notes':
      return block.lines.length === 0 ? '' : `<section>${heading}<ul>${block.lines.map((l) => `<li>${escapeHtmlText(l)}</li>`).join('')}</ul></section>`;
    case 'image': {
      // Only our own chart PNG, re-assembled from its base64 so nothing else can ride in the src.
      const b64 = pngBase64(block.pngDataUrl);
      return b64 === null ? '' : `<section>${heading}<img src="data:image/png;base64,${b64}" alt="${escapeHtmlText(block.alt)}"></section>`;
    }
  }
}

export function reportHtml(doc: ReportDocument): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    `<title>${escapeHtmlText(doc.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtmlText(doc.title)}</h1><p class="sub">${escapeHtmlText(doc.subtitle)}</p>`,
    ...doc.blocks.map(blockHtml),
    `<footer>${escapeHtmlText(doc.footer)}</footer>`,
    '</body></html>',
  ].join('\n');
}
