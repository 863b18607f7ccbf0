// Hand-made engine answers for the import wizard's tests: a HubSpot-style
// contacts preview, a canonical handoffs preview, a summary and a quality report.
import type { FilePreview, ImportSummary, QualityResult } from '../../renderer/app/import-model';

export const EVIL = '<img src=x onerror=alert(1)>';

export function contactsPreview(path = '/data/hubspot-contacts.csv'): FilePreview {
  return {
    path,
    file: path.split('/').pop() ?? path,
    format: 'csv',
    gzip: false,
    delimiter: ';',
    headers: ['Record ID', 'Create Date', 'Lead Email Address', 'Favourite Colour'],
    rows: [
      ['C1', '2025-03-01 10:00', 'a@acme.com', EVIL],
      ['C2', '2025-03-02 10:00', 'b@gmail.com', 'blue'],
    ],
    suggestedTable: 'leads',
    mapping: {
      table: 'leads',
      columns: [
        { source: 'Record ID', canonical: 'lead_id', confidence: 0.9, reason: 'synonym' },
        { source: 'Create Date', canonical: 'created_at', confidence: 0.9, reason: 'synonym' },
        { source: 'Lead Email Address', canonical: 'email', confidence: 0.5, reason: 'partial' },
        { source: 'Favourite Colour', canonical: null, confidence: 0, reason: null },
      ],
      mapping: { lead_id: 'Record ID', created_at: 'Create Date' },
      missingRequired: [],
    },
  };
}

export function canonicalPreview(table: 'handoffs' | 'dispositions' | 'activities', headers: readonly string[], path = `/data/${table}.csv`): FilePreview {
  return {
    path,
    file: path.split('/').pop() ?? path,
    format: 'csv',
    gzip: false,
    delimiter: ',',
    headers,
    rows: [headers.map((h) => `${h}-1`)],
    suggestedTable: table,
    mapping: {
      table,
      columns: headers.map((h) => ({ source: h, canonical: h, confidence: 1, reason: 'exact' as const })),
      mapping: Object.fromEntries(headers.map((h) => [h, h])),
      missingRequired: [],
    },
  };
}

export const handoffsPreview = () => canonicalPreview('handoffs', ['lead_id', 'mql_at', 'tier']);
export const dispositionsPreview = () => canonicalPreview('dispositions', ['lead_id', 'decision']);

export function importSummary(): ImportSummary {
  return {
    tables: {
      leads: { file: 'hubspot-contacts.csv', rows: 1234 },
      activities: { file: null, rows: 0 },
      handoffs: { file: 'handoffs.csv', rows: 456 },
      dispositions: { file: 'dispositions.csv', rows: 450 },
      reps: { file: null, rows: 0 },
    },
    warnings: [{ file: 'dispositions.csv', code: 'dispositions_unknown_lead', count: 7, message: `7 dispositions name a lead that is not in the leads file ${EVIL}.`, examples: [] }],
    timezone: 'Europe/Berlin',
    scoringModel: false,
    durationMs: 1500,
    missing: [],
  };
}

const share = (count: number, base: number) => ({ count, base, share: base === 0 ? null : count / base });

export function qualityResult(): QualityResult {
  return {
    report: {
      leads: 1234,
      handoffs: 456,
      dispositions: 450,
      freeEmail: share(100, 1000),
      missingEmail: share(234, 1234),
      missingName: share(12, 1234),
      missingCompany: share(0, 1234),
      missingCompanySize: share(617, 1234),
      probableDuplicates: { ...share(3, 1234), sameEmail: 2, sameNameAndCompany: 1 },
      handoffsWithoutTrigger: share(0, 456),
      rejectedWithoutReason: share(0, 0),
      notes: ['50.0% of leads lack a company size.'],
    },
    capabilities: {
      capabilities: [
        { key: 'full_replay', available: false, source: 'none', sentence: 'No activities are loaded, so new scoring weights cannot be replayed.' },
        { key: 'threshold_only', available: true, source: 'data', sentence: 'Every handoff carries the score at MQL.' },
      ],
      fullReplay: false,
      thresholdOnly: true,
      repsTable: false,
      scoringModel: false,
    },
  };
}

/** The message the engine sends for a failed import with several problems (ImportError + toErrorInfo). */
export const MULTI_FAILURE = {
  message: [
    'The import found 4 problems:',
    '- hubspot-contacts.csv, data row 4, column "Create Date" (created date): "next tuesday" is not a date and time. Write it in ISO 8601.',
    '- hubspot-contacts.csv, data row 9, column "Create Date" (created date): "31/02/2025" is not a date and time. Write it in ISO 8601.',
    '- handoffs.csv, line 7: this line has more values than the header has columns (6). A value probably contains the separator without quotes around it: put the value in double quotes.',
    '- No dispositions file was given. The import needs leads, handoffs and dispositions; activities and reps are optional.',
  ].join('\n'),
  file: 'hubspot-contacts.csv',
  row: 4,
  column: 'Create Date',
  field: 'created_at',
};
