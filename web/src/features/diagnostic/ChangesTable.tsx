// A readable list of changes between two versions of a diagnostic: what, before, after.
import type { DiagnosticChange } from "../../../../common/domain/diagnostic-diff.ts";
import { DataTable } from "../../shared/DataTable.tsx";

export function ChangesTable({ caption, changes, beforeLabel = "Avant", afterLabel = "Après" }: { caption: string; changes: DiagnosticChange[]; beforeLabel?: string; afterLabel?: string }) {
  return (
    <DataTable
      caption={caption}
      stacked
      rowHeaders
      testId="diagnostic-changes"
      headers={["Rubrique", "Champ", beforeLabel, afterLabel]}
      rows={changes.map((c, i) => ({
        key: `${c.section_label}-${c.field}-${i}`,
        testId: "diagnostic-change",
        cells: [c.section_label, c.field_label, <span className="spie-diff-before">{c.before}</span>, <span className="spie-diff-after">{c.after}</span>],
      }))}
    />
  );
}
