// Import of data·inclusion files (spreadsheet template or API JSON), for platform admins and
// coordinators: the upload shows a progress bar, then the report (what landed, what was refused and why).
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { useQueryClient } from "@tanstack/react-query";
import type { ImportIssue, ImportReport } from "../../../../common/schemas/directory.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { uploadImport, useImportJob } from "./api.ts";
import { directoryKeys } from "./searchApi.ts";

function IssuesTable({ caption, issues }: { caption: string; issues: ImportIssue[] }) {
  return (
    <DataTable
      caption={caption}
      headers={["Feuille", "Ligne", "Champ", "Valeur", "Raison"]}
      rows={issues.map((i, n) => ({ key: String(n), cells: [i.sheet, i.row ?? "—", i.field ?? "—", i.value ?? "", i.message] }))}
    />
  );
}

function Report({ report }: { report: ImportReport }) {
  const line = (label: string, c: ImportReport["structures"]) =>
    `${label} : ${c.received} lue(s), ${c.valid} valide(s), ${c.invalid} refusée(s) — ${c.created} créée(s), ${c.updated} mise(s) à jour, ${c.unchanged} inchangée(s).`;
  return (
    <section aria-labelledby="rapport-titre" className={fr.cx("fr-mt-4w")} data-testid="import-report">
      <h2 id="rapport-titre">Rapport d'import{report.dry_run ? " (essai, rien n'a été enregistré)" : ""}</h2>
      <ul>
        <li>{line("Structures", report.structures)}</li>
        <li>{line("Services", report.services)}</li>
      </ul>
      {report.errors.length > 0 && (
        <IssuesTable caption={`Lignes refusées (${report.errors.length + report.errors_omitted} erreur(s)) : corrigez-les dans le fichier puis importez-le à nouveau`} issues={report.errors} />
      )}
      {report.errors_omitted > 0 && <p>… et {report.errors_omitted} autre(s) erreur(s) non listée(s) : corrigez les premières puis importez à nouveau le fichier.</p>}
      {report.warnings.length > 0 && <IssuesTable caption="Avertissements" issues={report.warnings} />}
    </section>
  );
}

export function ImportPage() {
  useDocumentTitle("Importer des données data·inclusion");
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState("");
  const [dryRun, setDryRun] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useImportJob(jobId);
  const running = job.data && (job.data.status === "queued" || job.data.status === "running");
  const shown = report ?? (job.data?.status === "done" ? job.data.report : null);
  const jobFailure = job.data?.status === "failed" ? (job.data.error ?? "L'import a échoué.") : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setFileError("Choisissez un fichier .xlsx ou .json.");
      return;
    }
    setFileError(undefined);
    setError(null);
    setReport(null);
    setJobId(null);
    setProgress(0);
    try {
      const result = await uploadImport(file, { source: source.trim() || undefined, dryRun, csrfToken: me.csrf_token, onProgress: setProgress });
      if (result.kind === "job") {
        setJobId(result.job.id);
        return;
      }
      setReport(result.report);
      if (!result.report.dry_run) await queryClient.invalidateQueries({ queryKey: directoryKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <h1>Importer des données data·inclusion</h1>
      <p>
        Envoyez le modèle de tableur data·inclusion (feuilles « Structures » et « Services ») ou un fichier JSON de l'API data·inclusion. Chaque ligne est vérifiée : les lignes valides sont
        ajoutées ou mises à jour, les autres sont listées avec la raison. Réimporter le même fichier ne change rien.
      </p>
      <form onSubmit={submit} noValidate>
        <div className={fr.cx("fr-upload-group", fileError ? "fr-input-group--error" : undefined, "fr-mb-3w")}>
          <label className={fr.cx("fr-label")} htmlFor="import-fichier">
            Fichier à importer
            <span className={fr.cx("fr-hint-text")}>Formats acceptés : .xlsx, .json — 20 Mo au plus.</span>
          </label>
          <input
            className={fr.cx("fr-upload")}
            type="file"
            id="import-fichier"
            accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? "import-fichier-erreur" : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {fileError && (
            <p id="import-fichier-erreur" className={fr.cx("fr-error-text")}>
              {fileError}
            </p>
          )}
        </div>
        <Input
          label="Source (facultatif)"
          hintText="Nom du producteur des données, en minuscules et tirets (ex. dora, cd02). Par défaut : le nom du fichier. Les lignes du fichier qui ont une colonne « source » la gardent."
          nativeInputProps={{ id: "import-source", value: source, onChange: (e) => setSource(e.target.value) }}
        />
        <Checkbox options={[{ label: "Essai à blanc : vérifier sans rien enregistrer", nativeInputProps: { checked: dryRun, onChange: (e) => setDryRun(e.target.checked) } }]} />
        <Button type="submit" iconId="fr-icon-upload-line" disabled={progress !== null || Boolean(running)}>
          Importer
        </Button>
      </form>
      {progress !== null && (
        <div className={fr.cx("fr-mt-3w")}>
          <label htmlFor="import-progression">{progress < 1 ? "Envoi du fichier…" : "Vérification et import des lignes…"}</label>
          <progress id="import-progression" className="spie-progress" max={1} value={progress < 1 ? progress : undefined} />
        </div>
      )}
      {running && job.data && (
        <div className={fr.cx("fr-mt-3w")} role="status">
          <label htmlFor="import-tache">
            {job.data.status === "queued"
              ? "Fichier reçu : l'import va commencer…"
              : `${job.data.phase === "ecriture" ? "Enregistrement" : "Vérification"} des lignes : ${job.data.done.toLocaleString("fr-FR")} sur ${job.data.total.toLocaleString("fr-FR")}`}
          </label>
          <progress id="import-tache" className="spie-progress" max={Math.max(job.data.total, 1)} value={job.data.status === "queued" ? undefined : job.data.done} />
          <p className={fr.cx("fr-hint-text")}>Fichier volumineux : l'import se poursuit en tâche de fond, vous pouvez rester sur cette page pour voir le rapport.</p>
        </div>
      )}
      {jobFailure && <Alert severity="error" small className={fr.cx("fr-mt-3w")} description={jobFailure} />}
      {error !== null && <ProblemAlert error={error} className={fr.cx("fr-mt-3w")} />}
      {shown && shown.errors.length === 0 && <Alert severity="success" small className={fr.cx("fr-mt-3w")} description="Toutes les lignes lues sont valides." />}
      {shown && <Report report={shown} />}
    </>
  );
}
