import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useSetReferent, useTeam } from "./api.ts";

export function TeamTab({ personId }: { personId: string }) {
  const team = useTeam(personId);
  const setReferent = useSetReferent(personId);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section aria-labelledby="equipe-titre">
      <h2 id="equipe-titre" className={fr.cx("fr-h3")}>
        Équipe d'accompagnement
      </h2>
      <p>
        Les professionnel·les de l'équipe peuvent consulter le dossier. Le ou la référent·e unique est l'interlocuteur·rice
        principal·e de la personne.
      </p>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-3w")} role={undefined} />}
      </div>
      {setReferent.isError && (
        <Alert severity="error" small role="alert" description={errorMessage(setReferent.error).detail} className={fr.cx("fr-mb-3w")} />
      )}
      {team.isPending ? (
        <Loading label="Chargement de l'équipe…" />
      ) : team.isError ? (
        <ProblemAlert error={team.error} />
      ) : team.data.members.length === 0 ? (
        <p>Aucun membre dans l'équipe.</p>
      ) : (
        <DataTable
          caption="Membres de l'équipe d'accompagnement"
          hideCaption
          testId="team-table"
          stacked
          rowHeaders
          headers={["Membre", "Structure", "Rôle dans l'équipe", "Membre depuis", ...(team.data.permissions.manage_team ? ["Action"] : [])]}
          rows={team.data.members.map((member) => ({
            key: member.id,
            testId: "team-member",
            cells: [
              <>
                {member.user.name}
                <br />
                <a className={fr.cx("fr-text--xs")} href={`mailto:${member.user.email}`}>
                  {member.user.email}
                </a>
              </>,
              member.structure.name,
              member.is_referent ? (
                <Badge severity="success" small as="span">
                  Référent·e unique
                </Badge>
              ) : (
                "Membre"
              ),
              formatDate(member.joined_at),
              ...(team.data.permissions.manage_team
                ? [
                    member.is_referent ? (
                      <span className="spie-muted">—</span>
                    ) : (
                      <Button
                        size="small"
                        priority="secondary"
                        disabled={setReferent.isPending}
                        onClick={() =>
                          setReferent.mutate(member.id, {
                            onSuccess: () => setDone(`${member.user.name} est désormais référent·e unique de la personne.`),
                          })
                        }
                      >
                        Désigner comme référent·e<span className={fr.cx("fr-sr-only")}> : {member.user.name}</span>
                      </Button>
                    ),
                  ]
                : []),
            ],
          }))}
        />
      )}
    </section>
  );
}
