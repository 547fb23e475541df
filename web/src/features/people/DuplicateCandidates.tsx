// The homonyms / identifier matches of a 409 "duplicate_person" answer. Nothing of their files is
// shown: only who follows them, and a way to ask to join their team.
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { z } from "../../../../common/zod.ts";
import { duplicateCandidate, joinRequestBody, type DuplicateCandidate } from "../../../../common/schemas/people.ts";
import { isApiError } from "../../api/client.ts";
import { errorMessage } from "../../shared/ProblemAlert.tsx";
import { errorState, validate } from "../../shared/forms.ts";
import { useCreateJoinRequest } from "./api.ts";

export interface DuplicateAnswer {
  candidates: DuplicateCandidate[];
  canConfirm: boolean;
}

/** Reads a 409 duplicate_person problem; null for any other error. */
export function duplicateAnswerOf(error: unknown): DuplicateAnswer | null {
  if (!isApiError(error, 409) || error.code !== "duplicate_person") return null;
  const candidates = z.array(duplicateCandidate).safeParse(error.problem.candidates);
  return {
    candidates: candidates.success ? candidates.data : [],
    canConfirm: error.problem.can_confirm === true,
  };
}

interface Props {
  answer: DuplicateAnswer;
  /** Incremented at each 409: the block is then focused. */
  focusKey: number;
  membershipId?: string;
  confirmed: boolean;
  onConfirmedChange: (value: boolean) => void;
}

export function DuplicateCandidates({ answer, focusKey, membershipId, confirmed, onConfirmedChange }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);

  return (
    <div ref={ref} tabIndex={-1} className={fr.cx("fr-alert", "fr-alert--warning", "fr-mb-4w")} data-testid="duplicate-candidates" aria-labelledby="doublons-titre">
      <h2 id="doublons-titre" className={fr.cx("fr-alert__title")}>
        Cette personne a peut-être déjà un dossier
      </h2>
      <p>
        {answer.canConfirm
          ? "Des personnes aux noms et date de naissance identiques ou proches, ou du même foyer (même numéro allocataire), sont déjà accompagnées (les plus probables d'abord). S'il s'agit de la même personne, demandez à rejoindre son équipe d'accompagnement plutôt que de créer un second dossier."
          : "Un identifiant saisi correspond au dossier d'une personne déjà accompagnée : un second dossier ne peut pas être créé. Demandez à rejoindre son équipe d'accompagnement."}
      </p>
      <ul className="spie-card-list fr-mt-2w">
        {answer.candidates.map((candidate, index) => (
          <CandidateItem key={candidate.person_id} candidate={candidate} index={index + 1} membershipId={membershipId} />
        ))}
      </ul>
      {answer.canConfirm && (
        <Checkbox
          id="confirmer-autre-personne"
          className={fr.cx("fr-mt-2w")}
          options={[
            {
              label: "Je confirme qu'il s'agit d'une autre personne",
              hintText: "Cochez puis enregistrez de nouveau pour créer le dossier.",
              nativeInputProps: {
                checked: confirmed,
                onChange: (e) => onConfirmedChange(e.target.checked),
              },
            },
          ]}
        />
      )}
    </div>
  );
}

const MATCH_LABELS: Record<DuplicateCandidate["match"], string> = {
  identifier: "même identifiant",
  similar: "à vérifier",
};

function CandidateItem({ candidate, index, membershipId }: { candidate: DuplicateCandidate; index: number; membershipId?: string }) {
  const request = useCreateJoinRequest(candidate.person_id);
  const [message, setMessage] = useState("");
  const [messageError, setMessageError] = useState<string | undefined>();
  const headingId = `doublon-${candidate.person_id}`;
  const sent = request.isSuccess;
  const pending = candidate.join_request_pending || sent;

  const send = () => {
    const result = validate(joinRequestBody, {
      message: message.trim() || null,
      ...(membershipId ? { membership_id: membershipId } : {}),
    });
    if (!result.ok) {
      setMessageError(result.errors.message ?? Object.values(result.errors)[0]);
      return;
    }
    setMessageError(undefined);
    request.mutate(result.data);
  };

  return (
    <li className="spie-card" aria-labelledby={headingId} data-testid="duplicate-candidate">
      <h3 id={headingId} className={fr.cx("fr-h6", "fr-mb-1w")}>
        Personne n° {index}
      </h3>
      <p className={fr.cx("fr-mb-1w")}>
        Correspondance : {MATCH_LABELS[candidate.match]} — ressemblance <strong>{Math.round(candidate.score * 100)} %</strong>
      </p>
      <ul className={fr.cx("fr-mb-1w")} aria-label={`Pourquoi la personne n° ${index} est proposée`} data-testid="duplicate-reasons">
        {candidate.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p className={fr.cx("fr-mb-2w")}>
        Déjà suivie par : {candidate.followed_by.length > 0 ? candidate.followed_by.join(", ") : "aucune équipe"}
      </p>
      {candidate.already_in_team ? (
        <>
          <p className={fr.cx("fr-mb-1w")}>Vous faites déjà partie de l'équipe d'accompagnement de cette personne.</p>
          <Link to={`/personnes/${candidate.person_id}`} className={fr.cx("fr-link")}>
            Ouvrir le dossier de la personne n° {index}
          </Link>
        </>
      ) : pending ? (
        <>
          {sent ? (
            <Alert
              severity="success"
              small
              role="status"
              className={fr.cx("fr-mb-2w")}
              description="Votre demande a été envoyée. Vous rejoindrez l'équipe d'accompagnement lorsqu'un de ses membres l'aura acceptée."
            />
          ) : (
            <p className={fr.cx("fr-mb-2w")}>Vous avez déjà demandé à rejoindre cette équipe : la demande est en attente de décision.</p>
          )}
          <Button disabled>Demander à rejoindre l'équipe</Button>
        </>
      ) : (
        <>
          <Input
            textArea
            label="Message pour l'équipe (facultatif)"
            hintText="Pourquoi souhaitez-vous rejoindre l'accompagnement ? Pas de donnée sensible."
            {...errorState(messageError)}
            nativeTextAreaProps={{
              id: `message-${candidate.person_id}`,
              rows: 2,
              value: message,
              onChange: (e) => setMessage(e.target.value),
            }}
          />
          {request.isError && (
            <Alert severity="error" small role="alert" className={fr.cx("fr-mb-2w")} description={errorMessage(request.error).detail} />
          )}
          <Button type="button" onClick={send} disabled={request.isPending}>
            Demander à rejoindre l'équipe<span className={fr.cx("fr-sr-only")}> de la personne n° {index}</span>
          </Button>
        </>
      )}
    </li>
  );
}
