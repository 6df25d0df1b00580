import { useState } from 'react';
import { platform } from '../../platform/index.js';
import { useApp, update } from '../../state/store.js';
import { pushNotice } from '../../state/transitions.js';
import { EXPORTS, availableFormats, exportFileName, renderExport, reportForExport } from './export-formats.js';
import type { ExportFormat } from '../../platform/index.js';

const AVAILABLE = availableFormats();

export async function exportReport(format: ExportFormat): Promise<void> {
  const { report, workflows, reportPartial } = useApp.getState();
  if (!report || reportPartial) return;
  const full = reportForExport(report, workflows);
  const entry = EXPORTS.find((e) => e.format === format)!;
  try {
    const res =
      format === 'pdf'
        ? await platform.printPdf(await renderExport('html', full), exportFileName(full, 'pdf'))
        : await platform.saveExport(format, exportFileName(full, entry.extension), await renderExport(format as Exclude<ExportFormat, 'pdf' | 'workflows'>, full));
    if (res.ok) update(pushNotice, 'info', `${entry.label} report: ${res.where}`);
    else if (res.reason !== 'cancelled') update(pushNotice, 'error', `${entry.label} export failed: ${res.message ?? res.reason}`);
  } catch (e) {
    update(pushNotice, 'error', `${entry.label} export failed: ${(e as Error).message}`);
  }
}

export function ExportBar() {
  const ready = useApp((s) => s.report !== null && !s.reportPartial);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  return (
    <div className="export-bar" role="group" aria-label="Export report">
      <span className="small muted">Export</span>
      {EXPORTS.map((e) => {
        const available = AVAILABLE.has(e.format);
        return (
          <button
            key={e.format}
            type="button"
            className="small-button"
            disabled={!ready || !available || busy !== null}
            title={available ? `Export the report as ${e.label}` : `${e.label} renderer not in this build`}
            data-testid={`export-${e.format}`}
            onClick={async () => {
              setBusy(e.format);
              await exportReport(e.format);
              setBusy(null);
            }}
          >
            {busy === e.format ? '…' : e.label}
          </button>
        );
      })}
    </div>
  );
}
