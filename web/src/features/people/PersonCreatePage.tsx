import { useState } from "react";
import { useNavigate } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { useCreatePerson } from "./api.ts";
import { DuplicateCandidates, duplicateAnswerOf, type DuplicateAnswer } from "./DuplicateCandidates.tsx";
import { PersonForm } from "./PersonForm.tsx";
import { emptyPersonValues, toCreateBody, type PersonFormValues } from "./personFormModel.ts";

export interface PersonPageState {
  flash?: string;
}

export function PersonCreatePage() {
  useDocumentTitle("Créer le dossier d'une personne");
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreatePerson();
  const [duplicate, setDuplicate] = useState<DuplicateAnswer | null>(null);
  const [duplicateFocus, setDuplicateFocus] = useState(0);
  const [confirmed, setConfirmed] = useState(false);
  const [membershipId, setMembershipId] = useState<string | undefined>(undefined);

  // The memberships the server lets the user act through; with several, the user picks (the first is
  // only preselected for convenience).
  const acting = me.permissions.acting_memberships;
  const initialValues: PersonFormValues = {
    ...emptyPersonValues,
    membership_id: acting.length > 1 ? (acting[0]?.id ?? "") : "",
  };

  const onSubmit = async (values: PersonFormValues) => {
    setMembershipId(values.membership_id || undefined);
    try {
      const created = await create.mutateAsync(toCreateBody(values, duplicate?.canConfirm === true && confirmed));
      const state: PersonPageState = { flash: "Le dossier a été créé. Vous faites partie de son équipe d'accompagnement." };
      navigate(`/personnes/${created.id}`, { state });
    } catch (error) {
      const answer = duplicateAnswerOf(error);
      if (!answer) throw error;
      setDuplicate(answer);
      setConfirmed(false);
      setDuplicateFocus((k) => k + 1);
    }
  };

  return (
    <>
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Mes personnes", linkProps: { to: "/personnes" } }]}
        currentPageLabel="Nouveau dossier"
      />
      <div className={fr.cx("fr-grid-row")}>
        <div className={fr.cx("fr-col-12", "fr-col-lg-9")}>
          <h1>Créer le dossier d'une personne</h1>
          <p className={fr.cx("fr-text--lead")}>
            Vous rejoindrez l'équipe d'accompagnement de la personne. Avant la création, spie vérifie qu'elle n'a pas déjà
            un dossier.
          </p>
          <PersonForm
            mode="create"
            initialValues={initialValues}
            memberships={acting}
            submitLabel="Créer le dossier"
            onSubmit={onSubmit}
            onCancel={() => navigate("/personnes")}
            beforeActions={
              duplicate && (
                <DuplicateCandidates
                  answer={duplicate}
                  focusKey={duplicateFocus}
                  membershipId={membershipId}
                  confirmed={confirmed}
                  onConfirmedChange={setConfirmed}
                />
              )
            }
          />
        </div>
      </div>
    </>
  );
}
