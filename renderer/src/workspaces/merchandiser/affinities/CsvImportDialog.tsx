// Importing affinities from a CSV: choose how, pick the file, read the device's report line by
// line. A file with any rejected row imports nothing, and says which rows to fix.
import { useRef, useState } from 'react';
import type { ApiErrorValue, CsvImportReport } from '../../../../../core/contract/index';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { Dialog } from '../Dialog';
import { ImportReportTable } from './ImportReportTable';

export function CsvImportDialog({ columns, onClose }: { columns: readonly string[]; onClose: () => void }) {
  const importCsv = useMerchDraftStore((s) => s.importCsv);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const [error, setError] = useState<ApiErrorValue | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setBusy(true);
    setReport(null);
    setError(null);
    const outcome = await importCsv(await file.text(), mode);
    setBusy(false);
    if ('error' in outcome) setError(outcome.error);
    else setReport(outcome.report);
    if (input.current) input.current.value = ''; // the same file can be chosen again after a fix
  };

  return (
    <Dialog
      title="Import affinities from CSV"
      subtitle="Rows are matched to the draft by their id. Nothing is imported unless every row is valid."
      onClose={onClose}
      wide
      testId="csv-import"
      footer={
        <button type="button" className="button button-primary" onClick={onClose}>
          {report?.imported ? 'Done' : 'Close'}
        </button>
      }
    >
      <div className="import-setup">
        <div className="segmented segmented-sm" role="radiogroup" aria-label="Import mode">
          {(['merge', 'replace'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? 'segment is-selected' : 'segment'} onClick={() => setMode(m)}>
              {m === 'merge' ? 'Add and update rows' : 'Replace all affinities'}
            </button>
          ))}
        </div>
        <label className="button button-secondary file-button">
          <Icon name="download" size={18} className="icon-flip" /> {busy ? 'Importing…' : 'Choose CSV file…'}
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            data-testid="csv-file"
            disabled={busy}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
      </div>
      <p className="import-columns">
        Columns: <code>{columns.join(', ')}</code>
      </p>

      {error ? <Notice tone="error" title={error.message} testId="csv-import-error" /> : null}

      {report ? (
        <div className="import-report" data-testid="csv-report" data-imported={String(report.imported)}>
          {report.imported ? (
            <Notice tone="info" title={`Imported ${fileName ?? 'the file'} into the draft`}>
              {report.added} added · {report.updated} updated · {report.unchanged} unchanged
              {report.removed ? ` · ${report.removed} removed` : ''}
            </Notice>
          ) : (
            <Notice tone="error" title="Nothing was imported" testId="csv-rejected">
              {report.fileErrors.length
                ? report.fileErrors.join(' ')
                : `${report.rejected} of ${report.rows.length} rows were rejected. Fix them and import the file again; the draft is unchanged.`}
            </Notice>
          )}
          {report.rows.length ? <ImportReportTable rows={report.rows} imported={report.imported} /> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
