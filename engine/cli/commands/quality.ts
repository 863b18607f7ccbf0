import { dataCapabilities } from '../../quality/capabilities';
import { qualityReport, type Share } from '../../quality/report';
import { formatFlag, type Command } from '../command';
import { formatRate, textTable } from '../text-table';
import { withWorkspace } from '../workspace-arg';

const row = (label: string, s: Share) => [label, s.count, s.base, formatRate(s.share)] as const;

export const qualityCommand: Command = {
  name: 'quality',
  summary: 'The data-quality report (the pre-flight checklist as numbers) and which questions the data can answer.',
  usage: 'handoff-lab quality --workspace W.duckdb [--format table|json]',
  flags: { workspace: { type: 'string' }, format: { type: 'string' } },
  async run(flags, io) {
    const format = formatFlag(flags);
    const { report, capabilities } = await withWorkspace(flags, 'existing', async (ws) => ({
      report: await qualityReport(ws),
      capabilities: await dataCapabilities(ws),
    }));
    if (format === 'json') {
      io.out(JSON.stringify({ quality: report, capabilities }, null, 2));
      return;
    }
    io.out(
      [
        `${report.leads.toLocaleString('en-US')} leads, ${report.handoffs.toLocaleString('en-US')} handoffs, ${report.dispositions.toLocaleString('en-US')} dispositions`,
        '',
        textTable(['check', 'count', 'out of', 'share'], [
          row('free-mail addresses', report.freeEmail),
          row('leads without email', report.missingEmail),
          row('leads without full name', report.missingName),
          row('leads without company', report.missingCompany),
          row('leads without company size', report.missingCompanySize),
          row('probable duplicate people', report.probableDuplicates),
          row('handoffs without trigger', report.handoffsWithoutTrigger),
          row('rejections without reason', report.rejectedWithoutReason),
        ]),
        '',
        ...report.notes.map((n) => `- ${n}`),
        '',
        'What this data can answer:',
        ...capabilities.capabilities.map((c) => `- [${c.available ? 'yes' : 'no'}] ${c.sentence}`),
      ].join('\n'),
    );
  },
};
