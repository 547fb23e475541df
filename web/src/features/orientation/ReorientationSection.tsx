// Réorientation: the référent asks, with a reason; a coordinator accepts (new orientation) or refuses.
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { TRACKS, TRACK_LABELS, type Track } from "../../../../common/domain/orientation.ts";
import type { ReorientationRequest } from "../../../../common/schemas/orientation.ts";
import type { PathwayPermissions } from "../../../../common/schemas/pathway.ts";
import { isApiError } from "../../api/client.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { errorState } from "../../shared/forms.ts";
import { errorMessage } from "../../shared/ProblemAlert.tsx";
import { useDecideReorientation, useOrientationOptions, useReorientationRequests, useRequestReorientation } from "../pathway/api.ts";
import { OrientationDecisionForm } from "./OrientationDecisionForm.tsx";

const STATUS_LABELS = { pending: "En attente de décision", accepted: "Acceptée", refused: "Refusée" } as const;

function RequestForm({ personId, onDone }: { personId: string; onDone: (message: string) => void }) {
  const request = useRequestReorientation(personId);
  const options = useOrientationOptions(personId, true);
  const [reason, setReason] = useState("");
  const [track, setTrack] = useState<Track | "">("");
  const [structureId, setStructureId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) return setError("Expliquez pourquoi une réorientation est nécessaire.");
    setError(null);
    try {
      await request.mutateAsync({ reason: reason.trim(), proposed_track: track || null, proposed_structure_id: structureId || null });
      onDone("Demande de réorientation envoyée à l'équipe de coordination.");
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? errorMessage(e).detail) : "Une erreur inattendue est survenue.");
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Demander une réorientation" data-testid="reorientation-request-form">
      <Input
        label="Pourquoi demander une réorientation ?"
        textArea
        {...errorState(error ?? undefined)}
        nativeTextAreaProps={{ id: "reorientation-reason", value: reason, rows: 3, onChange: (e) => setReason(e.target.value) }}
      />
      <div className="spie-two-cols">
        <Select label="Parcours proposé (facultatif)" nativeSelectProps={{ id: "reorientation-track", value: track, onChange: (e) => setTrack(e.target.value as Track | "") }}>
          <option value="">Pas de proposition</option>
          {TRACKS.map((t) => (
            <option key={t} value={t}>
              {TRACK_LABELS[t]}
            </option>
          ))}
        </Select>
        <Select label="Organisme proposé (facultatif)" nativeSelectProps={{ id: "reorientation-structure", value: structureId, onChange: (e) => setStructureId(e.target.value) }}>
          <option value="">Pas de proposition</option>
          {(options.data?.structures ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" disabled={request.isPending}>
        Demander la réorientation
      </Button>
    </form>
  );
}

function Decision({ personId, request, onDone }: { personId: string; request: ReorientationRequest; onDone: (message: string) => void }) {
  const decide = useDecideReorientation(personId);
  const [mode, setMode] = useState<"accept" | "refuse" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (mode === "accept") {
    return (
      <OrientationDecisionForm
        personId={personId}
        idPrefix="reorientation"
        errorPrefix="orientation."
        submitLabel="Accepter et enregistrer la nouvelle orientation"
        onSubmit={async (orientation) => {
          await decide.mutateAsync({ requestId: request.id, decision: "accept", orientation });
          onDone("Réorientation acceptée : la nouvelle orientation est enregistrée et le délai du contrat repart.");
        }}
      >
        <Button type="button" priority="tertiary" size="small" className={fr.cx("fr-mb-2w")} onClick={() => setMode(null)}>
          Revenir au choix
        </Button>
      </OrientationDecisionForm>
    );
  }
  if (mode === "refuse") {
    return (
      <form
        noValidate
        aria-label="Refuser la réorientation"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!reason.trim()) return setError("Donnez la raison du refus.");
          try {
            await decide.mutateAsync({ requestId: request.id, decision: "refuse", reason: reason.trim() });
            onDone("Demande de réorientation refusée ; la personne qui l'a faite en est informée.");
          } catch (e) {
            setError(errorMessage(e).detail);
          }
        }}
      >
        <Input label="Raison du refus" textArea {...errorState(error ?? undefined)} nativeTextAreaProps={{ id: "reorientation-refusal", value: reason, rows: 3, onChange: (e) => setReason(e.target.value) }} />
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
          <li>
            <Button type="submit">Refuser la demande</Button>
          </li>
          <li>
            <Button type="button" priority="secondary" onClick={() => setMode(null)}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    );
  }
  return (
    <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
      <li>
        <Button onClick={() => setMode("accept")}>Accepter la réorientation</Button>
      </li>
      <li>
        <Button priority="secondary" onClick={() => setMode("refuse")}>
          Refuser
        </Button>
      </li>
    </ul>
  );
}

export function ReorientationSection({ personId, permissions, onDone }: { personId: string; permissions: PathwayPermissions; onDone: (message: string) => void }) {
  const requests = useReorientationRequests(personId);
  const [asking, setAsking] = useState(false);
  const pending = requests.data?.items.find((r) => r.status === "pending");
  return (
    <section aria-labelledby="reorientation-titre" className={fr.cx("fr-mt-4w")}>
      <h3 id="reorientation-titre" className={fr.cx("fr-h4")}>
        Réorientation
      </h3>
      {pending ? (
        <div className="spie-card" data-testid="pending-reorientation">
          <p className={fr.cx("fr-text--bold")}>
            Demande de {pending.requested_by.name} du {formatDateTime(pending.created_at)} — {STATUS_LABELS[pending.status]}
          </p>
          <p className="spie-quote">{pending.reason}</p>
          {(pending.proposed_track || pending.proposed_structure) && (
            <p>
              Proposition : {pending.proposed_track ? TRACK_LABELS[pending.proposed_track] : "parcours non précisé"}
              {pending.proposed_structure ? `, ${pending.proposed_structure.name}` : ""}
            </p>
          )}
          {permissions.decide_orientation ? <Decision personId={personId} request={pending} onDone={onDone} /> : <p>L'équipe de coordination du territoire va décider.</p>}
        </div>
      ) : permissions.request_reorientation ? (
        asking ? (
          <RequestForm
            personId={personId}
            onDone={(message) => {
              setAsking(false);
              onDone(message);
            }}
          />
        ) : (
          <Button priority="secondary" onClick={() => setAsking(true)}>
            Demander une réorientation
          </Button>
        )
      ) : (
        <p>Le ou la référent·e unique peut demander une réorientation si le parcours ne convient plus.</p>
      )}
      {(requests.data?.items ?? []).filter((r) => r.status !== "pending").length > 0 && (
        <ul className={fr.cx("fr-mt-2w")}>
          {requests.data!.items
            .filter((r) => r.status !== "pending")
            .map((r) => (
              <li key={r.id}>
                Demande du {formatDate(r.created_at)} par {r.requested_by.name} : {STATUS_LABELS[r.status].toLowerCase()}
                {r.decision_reason ? ` (${r.decision_reason})` : ""}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
