// The versions of the diagnostic and what changed between any two of them.
import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDateTime, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDiagnosticDiff, useDiagnosticVersions } from "../pathway/api.ts";
import { ChangesTable } from "./ChangesTable.tsx";

export function DiagnosticHistory({ personId }: { personId: string }) {
  const versions = useDiagnosticVersions(personId);
  const latest = versions.data?.items[0]?.version ?? 0;
  const [choice, setChoice] = useState<{ from: number; to: number } | null>(null);
  const from = choice?.from ?? Math.max(0, latest - 1);
  const to = choice?.to ?? latest;
  const diff = useDiagnosticDiff(personId, from, to, latest > 0 && from !== to);

  if (versions.isPending) return <Loading label="Chargement des versions…" />;
  if (versions.isError) return <ProblemAlert error={versions.error} />;
  if (versions.data.items.length === 0) return <p>Le diagnostic n'a pas encore été enregistré.</p>;

  const options = [...versions.data.items.map((v) => ({ value: v.version, label: `Version ${v.version} — ${formatDateTime(v.created_at)}, ${v.author.name}` })), { value: 0, label: "Diagnostic vide (avant la version 1)" }];

  return (
    <>
      <DataTable
        caption="Versions du diagnostic, de la plus récente à la plus ancienne"
        stacked
        rowHeaders
        testId="diagnostic-versions"
        headers={["Version", "Enregistrée le", "Par", "Modifications"]}
        rows={versions.data.items.map((v) => ({
          key: String(v.version),
          cells: [`Version ${v.version}`, formatDateTime(v.created_at), `${v.author.name}${v.author.structure_name ? ` (${v.author.structure_name})` : ""}`, plural(v.changes, "modification", "modifications")],
        }))}
      />
      <h4 className={fr.cx("fr-h6", "fr-mt-3w")}>Comparer deux versions</h4>
      <div className="spie-two-cols">
        <Select label="Version de départ" nativeSelectProps={{ id: "diagnostic-diff-from", value: String(from), onChange: (e) => setChoice({ from: Number(e.target.value), to }) }}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
        <Select label="Version d'arrivée" nativeSelectProps={{ id: "diagnostic-diff-to", value: String(to), onChange: (e) => setChoice({ from, to: Number(e.target.value) }) }}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      <div aria-live="polite">
        {from === to ? (
          <p>Choisissez deux versions différentes.</p>
        ) : diff.isPending ? (
          <Loading label="Comparaison…" />
        ) : diff.isError ? (
          <ProblemAlert error={diff.error} />
        ) : diff.data.changes.length === 0 ? (
          <p>Aucune différence entre ces deux versions.</p>
        ) : (
          <ChangesTable caption={`Ce qui a changé de la ${from === 0 ? "version vide" : `version ${from}`} à la version ${to} (${plural(diff.data.changes.length, "modification", "modifications")})`} changes={diff.data.changes} />
        )}
      </div>
    </>
  );
}
