// The "Notes" tab: notes the reader may read (by visibility), and writing one (optionally a contact
// with the person, which resets "no contact for 3 months"). The author corrects or deletes a note
// while the server allows it (its `permissions`: within 24 hours).
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { todayIso } from "../../../../common/domain/dates.ts";
import { CONTACT_KINDS, CONTACT_KIND_LABELS, NOTE_VISIBILITIES, NOTE_VISIBILITY_LABELS, type ContactKind, type NoteVisibility } from "../../../../common/domain/notes.ts";
import { noteCreateBody, type Note } from "../../../../common/schemas/notes.ts";
import { isApiError } from "../../api/client.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useCorrectNote, useCreateNote, useDeleteNote, useNotes, usePathway } from "../pathway/api.ts";
import { DraftNotice, useFormDraft } from "../../shared/useFormDraft.tsx";
import "../pathway/pathway.css";

function NoteForm({ personId, onDone }: { personId: string; onDone: (message: string) => void }) {
  const create = useCreateNote(personId);
  // Kept as a draft in the browser until saved (shared/useFormDraft.tsx).
  const pristine = { body: "", visibility: "team" as NoteVisibility, contact: "" as ContactKind | "", occurredOn: todayIso() };
  const draft = useFormDraft("note:nouvelle", personId, pristine, null);
  const { body, visibility, contact, occurredOn } = draft.values;
  const setField = <K extends keyof typeof pristine>(key: K) => (value: (typeof pristine)[K]) => draft.setValues((v) => ({ ...v, [key]: value }));
  const setBody = setField("body");
  const setVisibility = setField("visibility");
  const setContact = setField("contact");
  const setOccurredOn = setField("occurredOn");
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { body, visibility, contact_kind: contact || null, occurred_on: occurredOn };
    const result = validate(noteCreateBody, input);
    if (!result.ok) return setErrors(result.errors);
    try {
      await create.mutateAsync(input);
      draft.saved();
      draft.setValues(pristine);
      setErrors({});
      onDone("Note enregistrée.");
    } catch (e) {
      setErrors(isApiError(e) ? problemFieldErrors(e) : { body: "Une erreur inattendue est survenue." });
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Écrire une note" data-testid="note-form">
      <DraftNotice draft={draft} what="de note" />
      <Input
        label="Note"
        hintText="Des faits utiles au parcours ; jamais de diagnostic médical ni de détail judiciaire."
        textArea
        {...errorState(errorFor(errors, "body"))}
        nativeTextAreaProps={{ id: "note-body", value: body, rows: 4, onChange: (e) => setBody(e.target.value) }}
      />
      <RadioButtons
        legend="Qui peut la lire ?"
        name="note-visibility"
        orientation="horizontal"
        options={NOTE_VISIBILITIES.map((v) => ({ label: NOTE_VISIBILITY_LABELS[v], nativeInputProps: { value: v, checked: visibility === v, onChange: () => setVisibility(v) } }))}
      />
      <div className="spie-two-cols">
        <Select label="Contact avec la personne" hint="Si la note rend compte d'un échange avec elle" nativeSelectProps={{ id: "note-contact", value: contact, onChange: (e) => setContact(e.target.value as ContactKind | "") }}>
          <option value="">Pas de contact</option>
          {CONTACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {CONTACT_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <Input label="Date" hintText="Format : jj/mm/aaaa" {...errorState(errorFor(errors, "occurred_on"))} nativeInputProps={{ id: "note-date", type: "date", value: occurredOn, onChange: (e) => setOccurredOn(e.target.value) }} />
      </div>
      <Button type="submit" disabled={create.isPending}>
        Enregistrer la note
      </Button>
    </form>
  );
}

function NoteItem({ personId, note: n, onDone }: { personId: string; note: Note; onDone: (message: string) => void }) {
  const correct = useCorrectNote(personId);
  const remove = useDeleteNote(personId);
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [body, setBody] = useState(n.body);
  const [visibility, setVisibility] = useState<NoteVisibility>(n.visibility);
  const [error, setError] = useState<string | null>(null);
  const label = ` la note du ${formatDate(n.occurred_on)}`;
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!body.trim()) return setError("Le texte de la note est vide.");
    try {
      await correct.mutateAsync({ noteId: n.id, body: body.trim(), visibility });
      setMode("view");
      onDone("Note corrigée.");
    } catch (e) {
      setError(errorMessage(e).detail);
    }
  };
  const confirmDelete = async () => {
    try {
      await remove.mutateAsync(n.id);
      onDone("Note supprimée.");
    } catch (e) {
      setError(errorMessage(e).detail);
    }
  };
  return (
    <li className="spie-note" data-testid="note">
      <p className={fr.cx("fr-text--sm", "fr-mb-1v")}>
        {formatDate(n.occurred_on)} · {n.author.name}
        {n.author.structure_name ? ` (${n.author.structure_name})` : ""} · visible par : {NOTE_VISIBILITY_LABELS[n.visibility].toLowerCase()}
        {n.contact_kind ? ` · ${CONTACT_KIND_LABELS[n.contact_kind].toLowerCase()}` : ""}
      </p>
      {error && <Alert severity="error" small description={error} className={fr.cx("fr-mb-1w")} />}
      {mode === "edit" ? (
        <form onSubmit={save} noValidate aria-label={`Corriger${label}`}>
          <Input label="Note" textArea nativeTextAreaProps={{ id: `note-body-${n.id}`, value: body, rows: 4, onChange: (e) => setBody(e.target.value) }} />
          <RadioButtons
            legend="Qui peut la lire ?"
            name={`note-visibility-${n.id}`}
            orientation="horizontal"
            options={NOTE_VISIBILITIES.map((v) => ({ label: NOTE_VISIBILITY_LABELS[v], nativeInputProps: { value: v, checked: visibility === v, onChange: () => setVisibility(v) } }))}
          />
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
            <li>
              <Button type="submit" size="small" disabled={correct.isPending}>
                Enregistrer la correction
              </Button>
            </li>
            <li>
              <Button type="button" size="small" priority="secondary" onClick={() => setMode("view")}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      ) : (
        <p className={`${fr.cx("fr-mb-0")} spie-pre-line`}>{n.body}</p>
      )}
      <p className="spie-assessor">
        Écrite le {formatDateTime(n.created_at)}
        {n.corrected_at ? ` · corrigée le ${formatDateTime(n.corrected_at)}` : ""}
        {n.editable_until ? ` · modifiable par vous jusqu'au ${formatDateTime(n.editable_until)}` : ""}
      </p>
      {mode === "delete" && (
        <div role="alert" className={fr.cx("fr-mt-1w")}>
          <p className={fr.cx("fr-mb-1w")}>Supprimer cette note ? Elle disparaîtra du dossier ; le journal garde la trace de sa suppression.</p>
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
            <li>
              <Button size="small" onClick={confirmDelete} disabled={remove.isPending}>
                Confirmer la suppression
              </Button>
            </li>
            <li>
              <Button size="small" priority="secondary" onClick={() => setMode("view")}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}
      {mode === "view" && (n.permissions.edit || n.permissions.delete) && (
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left", "fr-mt-1w")}>
          {n.permissions.edit && (
            <li>
              <Button size="small" priority="tertiary" iconId="fr-icon-edit-line" onClick={() => setMode("edit")}>
                Corriger<span className={fr.cx("fr-sr-only")}>{label}</span>
              </Button>
            </li>
          )}
          {n.permissions.delete && (
            <li>
              <Button size="small" priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setMode("delete")}>
                Supprimer<span className={fr.cx("fr-sr-only")}>{label}</span>
              </Button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

export function NotesTab({ personId }: { personId: string }) {
  const notes = useNotes(personId);
  const pathway = usePathway(personId);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="notes-titre">
      <h2 id="notes-titre" className={fr.cx("fr-h3")}>
        Notes
      </h2>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-3w")} />}
      </div>
      {pathway.data?.permissions.write_notes && <NoteForm personId={personId} onDone={setDone} />}
      <h3 className={fr.cx("fr-h4", "fr-mt-4w")}>Notes que vous pouvez lire</h3>
      {notes.isPending ? (
        <Loading label="Chargement des notes…" />
      ) : notes.isError ? (
        <ProblemAlert error={notes.error} />
      ) : notes.data.items.length === 0 ? (
        <p>Aucune note.</p>
      ) : (
        <ul className="spie-plain-list" data-testid="notes">
          {notes.data.items.map((n) => (
            <NoteItem key={n.id} personId={personId} note={n} onDone={setDone} />
          ))}
        </ul>
      )}
    </section>
  );
}
