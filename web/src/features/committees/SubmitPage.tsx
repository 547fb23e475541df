// "Saisir le comité" from a person's file: the fiche de saisine (what blocks, what was tried, the
// question, the person's consent, documents), placed by the server on the first session with room.
// The documents chosen are sent once the submission exists; more can be joined (or removed) from the
// confirmation, and later from the session's page, until the agenda is frozen.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { Upload } from "@codegouvfr/react-dsfr/Upload.js";
import { precheckFiles, SUBMISSION_DOCUMENT_ACCEPT } from "../../../../common/domain/committee-documents.ts";
import { submissionCreateBody } from "../../../../common/schemas/committees.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { personDisplayName } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { usePerson } from "../people/api.ts";
import { committeeKeys, uploadSubmissionDocument, useCommittees, useSubmit } from "./api.ts";
import { localDateTime } from "./CommitteePage.tsx";
import { DOCUMENTS_HINT, SubmissionDocumentsLoader } from "./SubmissionDocuments.tsx";

const FIELDS: Record<string, FormField> = {
  committee: { id: "saisine-comite", label: "Comité" },
  blocking_points: { id: "saisine-blocages", label: "Ce qui bloque" },
  actions_tried: { id: "saisine-tente", label: "Ce qui a été tenté" },
  question: { id: "saisine-question", label: "Question posée au comité" },
  documents: { id: "saisine-documents", label: "Documents" },
  consent: { id: "saisine-consentement", label: "Consentement de la personne" },
};

function Form({ personId, committees }: { personId: string; committees: { id: string; name: string }[] }) {
  const [committeeId, setCommitteeId] = useState(committees[0]?.id ?? "");
  const submit = useSubmit(committeeId);
  const queryClient = useQueryClient();
  const [v, setV] = useState({ blocking_points: "", actions_tried: "", question: "", consent: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [files, setFiles] = useState<File[]>([]);
  /** Documents sent after the submission: null before, then the refusals (file and reason). */
  const [sent, setSent] = useState<{ pending: boolean; refused: string[] } | null>(null);
  const err = (k: string) => errorFor(errors, k);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validate(submissionCreateBody, { person_id: personId, ...v, consent: v.consent ? true : undefined });
    const fileErrors = precheckFiles(files);
    if (!checked.ok || fileErrors.length > 0) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...(fileErrors.length > 0 ? { documents: fileErrors.join(" ") } : {}) });
      setFocusKey((k) => k + 1);
      return;
    }
    // Set before the answer: the confirmation waits for the documents instead of showing none.
    setSent(files.length > 0 ? { pending: true, refused: [] } : null);
    submit.mutate(checked.data, {
      onSuccess: async (created) => {
        if (files.length === 0) return;
        const refused: string[] = [];
        for (const file of files) {
          try {
            await uploadSubmissionDocument(created.id, file);
          } catch (error) {
            refused.push(`« ${file.name} » : ${isApiError(error) ? (error.fieldErrors[0]?.message ?? error.problem.detail ?? error.problem.title) : "l'envoi a échoué."}`);
          }
        }
        await queryClient.invalidateQueries({ queryKey: committeeKeys.all });
        setSent({ pending: false, refused });
      },
      onError: (error) => {
        setSent(null);
        setErrors(isApiError(error) ? problemFieldErrors(error) : {});
        setFormError(isApiError(error) ? (error.problem.detail ?? error.problem.title) : "La saisine n'a pas pu être envoyée.");
        setFocusKey((k) => k + 1);
      },
    });
  };
  if (submit.isSuccess && sent?.pending) return <Loading label="Envoi des documents joints…" />;
  if (submit.isSuccess) {
    const s = submit.data.session;
    return (
      <>
        <Alert
          severity="success"
          role="status"
          title="Saisine enregistrée"
          description={
            <>
              La situation est inscrite à la séance du <Link to={`/comites/seances/${s.id}`}>{localDateTime(s.starts_at)}</Link>
              {submit.data.carried_over ? " : la séance précédente était complète, vous en êtes informé·e par message." : "."} Vous restez l'interlocuteur·rice unique de la personne et serez informé·e de la décision.
              {" "}Vous pouvez joindre ou retirer des documents jusqu'à l'arrêt de l'ordre du jour, ici ou depuis la page de la séance.
            </>
          }
        />
        {sent && sent.refused.length > 0 && (
          <Alert
            severity="error"
            className={fr.cx("fr-mt-2w")}
            title="Certains documents n'ont pas été joints"
            description={
              <ul data-testid="documents-refused">
                {sent.refused.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        <div className={fr.cx("fr-mt-4w")}>
          <SubmissionDocumentsLoader submissionId={submit.data.id} idPrefix="saisine-documents-joints" heading="h2" headingClass="fr-h4" />
        </div>
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate data-testid="submission-form">
      <ErrorSummary errors={errors} fields={FIELDS} formError={formError} focusKey={focusKey} />
      <Select label={FIELDS.committee!.label} nativeSelectProps={{ id: FIELDS.committee!.id, value: committeeId, onChange: (e) => setCommitteeId(e.target.value) }}>
        {committees.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
      <Input label={FIELDS.blocking_points!.label} textArea {...errorState(err("blocking_points"))} nativeTextAreaProps={{ id: FIELDS.blocking_points!.id, rows: 4, value: v.blocking_points, onChange: (e) => setV({ ...v, blocking_points: e.target.value }) }} />
      <Input label={FIELDS.actions_tried!.label} textArea {...errorState(err("actions_tried"))} nativeTextAreaProps={{ id: FIELDS.actions_tried!.id, rows: 4, value: v.actions_tried, onChange: (e) => setV({ ...v, actions_tried: e.target.value }) }} />
      <Input label={FIELDS.question!.label} textArea {...errorState(err("question"))} nativeTextAreaProps={{ id: FIELDS.question!.id, rows: 2, value: v.question, onChange: (e) => setV({ ...v, question: e.target.value }) }} />
      <Upload
        label="Documents (facultatif)"
        hint={DOCUMENTS_HINT}
        multiple
        state={err("documents") ? "error" : "default"}
        stateRelatedMessage={err("documents")}
        nativeInputProps={{
          id: FIELDS.documents!.id,
          accept: SUBMISSION_DOCUMENT_ACCEPT,
          onChange: (e) => {
            const chosen = [...(e.target.files ?? [])];
            setFiles(chosen);
            const problems = precheckFiles(chosen);
            setErrors(({ documents: _old, ...rest }) => (problems.length > 0 ? { ...rest, documents: problems.join(" ") } : rest));
          },
        }}
      />
      <div className={fr.cx("fr-checkbox-group", err("consent") ? "fr-checkbox-group--error" : undefined)}>
        <input type="checkbox" id={FIELDS.consent!.id} checked={v.consent} onChange={(e) => setV({ ...v, consent: e.target.checked })} aria-describedby={err("consent") ? `${FIELDS.consent!.id}-erreur` : undefined} />
        <label className={fr.cx("fr-label")} htmlFor={FIELDS.consent!.id}>
          La personne a donné son accord pour que sa situation soit présentée au comité
        </label>
        {err("consent") && (
          <p id={`${FIELDS.consent!.id}-erreur`} className={fr.cx("fr-error-text")}>
            {err("consent")}
          </p>
        )}
      </div>
      <Button type="submit" disabled={submit.isPending}>
        Saisir le comité
      </Button>
    </form>
  );
}

export function SubmitPage() {
  const { id = "" } = useParams();
  const person = usePerson(id);
  const committees = useCommittees(person.data?.territory?.id ?? undefined);
  const name = person.data ? personDisplayName(person.data) : null;
  useDocumentTitle(name ? `Saisir le comité pour ${name}` : "Saisir le comité");
  const open = (committees.data?.items ?? []).filter((c) => c.permissions.submit);
  return (
    <>
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[{ label: "Mes personnes", linkProps: { to: "/personnes" } }, { label: name ?? "Dossier", linkProps: { to: `/personnes/${id}` } }]} currentPageLabel="Saisir le comité" />
      <h1>Saisir le comité{name ? ` pour ${name}` : ""}</h1>
      {person.isError || committees.isError ? (
        <ProblemAlert error={person.error ?? committees.error} />
      ) : !person.data || !committees.data ? (
        <Loading />
      ) : open.length === 0 ? (
        <p>Aucun comité de son territoire ne peut être saisi.</p>
      ) : (
        <Form personId={id} committees={open} />
      )}
    </>
  );
}
