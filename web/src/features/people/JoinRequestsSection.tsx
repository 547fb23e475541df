// "Demandes à traiter": pending requests of other professionals to join a team the user can
// decide for (join_request.can_decide, computed by the API), and, for coordinators, the count of
// réorientation requests waiting in their territory's queue (decided from the coordination page).
import { useEffect, useRef, useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import type { JoinRequest } from "../../../../common/schemas/people.ts";
import { joinRequestDecisionBody } from "../../../../common/schemas/people.ts";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { formatDateTime, plural } from "../../shared/format.ts";
import { errorState, validate } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { useDecideJoinRequest, usePendingJoinRequests } from "./api.ts";
import { Link } from "react-router";
import { useCurrentUser } from "../auth/api.ts";
import { useTerritoryQueues } from "../territories/api.ts";

export const JOIN_REQUESTS_ID = "demandes-a-traiter";

export function useDecidableJoinRequests() {
  const query = usePendingJoinRequests();
  const items = (query.data?.items ?? []).filter((request) => request.can_decide && request.status === "pending");
  return { query, items };
}

export function JoinRequestsSection() {
  const { query, items } = useDecidableJoinRequests();
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  return (
    <section aria-labelledby={`${JOIN_REQUESTS_ID}-titre`} id={JOIN_REQUESTS_ID} className={fr.cx("fr-mt-6w")} data-testid="join-requests">
      <h2 id={`${JOIN_REQUESTS_ID}-titre`}>Demandes à traiter</h2>
      <PendingReorientations />
      <div ref={outcomeRef} tabIndex={-1} role="status" aria-live="polite">
        {outcome && <Alert severity="success" small description={outcome} className={fr.cx("fr-mb-3w")} role={undefined} />}
      </div>
      {query.isPending ? (
        <Loading label="Chargement des demandes…" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} />
      ) : items.length === 0 ? (
        <p>Aucune demande d'accès à une équipe en attente de votre décision.</p>
      ) : (
        <>
          <p>
            {plural(items.length, "demande attend", "demandes attendent")} votre décision : des professionnel·les
            souhaitent rejoindre l'équipe d'accompagnement d'une personne que vous suivez.
          </p>
          <ul className="spie-card-list">
            {items.map((request) => (
              <JoinRequestItem key={request.id} request={request} onDecided={setOutcome} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function JoinRequestItem({ request, onDecided }: { request: JoinRequest; onDecided: (message: string) => void }) {
  const decide = useDecideJoinRequest();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const personName = request.person_name ?? "la personne";
  const who = `${request.requester.name} (${request.requester.structure_name})`;
  const headingId = `demande-${request.id}`;

  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
  }, [rejecting]);

  // The request leaves the list (this item unmounts) once the list is refetched, before a
  // mutate() callback would run: the message is given from the promise, which resolves regardless.
  const decided = (message: string) => () => onDecided(message);
  const approve = () =>
    decide
      .mutateAsync({ id: request.id, decision: "approve" })
      .then(decided(`Demande acceptée : ${who} rejoint l'équipe d'accompagnement de ${personName}.`), () => undefined);

  const reject = () => {
    const result = validate(joinRequestDecisionBody, { decision: "reject", reason: reason.trim() || null });
    if (!result.ok) {
      setReasonError(result.errors.reason ?? Object.values(result.errors)[0]);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    decide
      .mutateAsync({ id: request.id, ...result.data })
      .then(decided(`Demande refusée : ${who} ne rejoint pas l'équipe de ${personName}.`), () => undefined);
  };

  return (
    <li className="spie-card" aria-labelledby={headingId} data-testid="join-request">
      <h3 id={headingId} className={fr.cx("fr-h6", "fr-mb-1w")}>
        {request.person_name ?? "Personne accompagnée"}
      </h3>
      <p className={fr.cx("fr-mb-1w")}>
        Demande de <strong>{request.requester.name}</strong> ({request.requester.structure_name}), le{" "}
        {formatDateTime(request.created_at)}.
      </p>
      {request.message && (
        <blockquote className="spie-quote">
          <p className={fr.cx("fr-mb-0")}>
            <span className={fr.cx("fr-sr-only")}>Message : </span>« {request.message} »
          </p>
        </blockquote>
      )}
      {decide.isError && (
        <Alert severity="error" small description={errorMessage(decide.error).detail} className={fr.cx("fr-mb-2w")} role="alert" />
      )}
      {rejecting ? (
        <div>
          <Input
            textArea
            label="Motif du refus (facultatif)"
            hintText="Il sera communiqué à la personne qui a fait la demande."
            {...errorState(reasonError)}
            nativeTextAreaProps={{
              ref: reasonRef,
              id: `motif-${request.id}`,
              rows: 3,
              value: reason,
              onChange: (e) => setReason(e.target.value),
            }}
          />
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left", "fr-btns-group--icon-left")}>
            <li>
              <Button onClick={reject} disabled={decide.isPending}>
                Confirmer le refus
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setRejecting(false)} disabled={decide.isPending}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      ) : (
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left", "fr-btns-group--icon-left")}>
          <li>
            <Button onClick={approve} disabled={decide.isPending} iconId="fr-icon-check-line">
              Accepter<span className={fr.cx("fr-sr-only")}> la demande de {request.requester.name} pour {personName}</span>
            </Button>
          </li>
          <li>
            <Button priority="secondary" onClick={() => setRejecting(true)} disabled={decide.isPending} iconId="fr-icon-close-line">
              Refuser<span className={fr.cx("fr-sr-only")}> la demande de {request.requester.name} pour {personName}</span>
            </Button>
          </li>
        </ul>
      )}
    </li>
  );
}

/** Coordinators: réorientation requests waiting in each territory they coordinate. */
function PendingReorientations() {
  const territories = useCurrentUser().permissions.coordinated_territories;
  return (
    <>
      {territories.map((territory) => (
        <TerritoryReorientations key={territory.id} territory={territory} />
      ))}
    </>
  );
}

function TerritoryReorientations({ territory }: { territory: { id: string; name: string } }) {
  const queues = useTerritoryQueues(territory.id);
  const count = queues.data?.reorientation_requests.count ?? 0;
  if (count === 0) return null;
  return (
    <p data-testid="pending-reorientations">
      {plural(count, "demande de réorientation attend", "demandes de réorientation attendent")} votre décision ({territory.name}) :{" "}
      <Link to={`/?territoire=${territory.id}#file-reorientation_requests`}>voir les demandes de réorientation</Link>
    </p>
  );
}
