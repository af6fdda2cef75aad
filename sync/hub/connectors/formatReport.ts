// An import report as a person reads it in a terminal or the hub's log.
import type { ImportReport } from '../store.js';

export function formatReport(r: ImportReport, options: { rows?: number } = {}): string {
  const shown = options.rows ?? 20;
  const what = r.kind ? `${r.kind} file` : 'file';
  const head =
    r.status === 'applied'
      ? `${r.file}: ${what} applied, ${r.rowsApplied.toLocaleString('en-US')} row(s)`
      : r.fileError
        ? `${r.file}: ${what} rejected: ${r.fileError}`
        : `${r.file}: ${what} rejected, nothing applied: ${r.rowsRejected.toLocaleString('en-US')} bad row(s); fix them and send the file again`;
  const lines = r.rejections.slice(0, shown).map((x) => `  line ${x.line}: ${x.reason}`);
  const more = r.rowsRejected - lines.length;
  if (shown > 0 && more > 0) lines.push(`  … and ${more.toLocaleString('en-US')} more (see the full report)`);
  return [`${head}  [${r.id}, ${r.source}, ${r.receivedAt}]`, ...lines].join('\n');
}
