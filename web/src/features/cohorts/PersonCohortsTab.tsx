// A person's cohorts, on their file, and the way to add them to an open cohort of their territory
// (their team and the territory's coordinators: `permissions.add` from the server).
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { COHORT_ADDED_HOW_LABELS, COHORT_EXIT_REASON_LABELS } from "../../../../common/domain/cohorts.ts";
import { isApiError } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useAddPersonToCohort, usePersonCohorts } from "./api.ts";

export function PersonCohortsTab({ personId }: { personId: string }) {
  const cohorts = usePersonCohorts(personId);
  const add = useAddPersonToCohort(personId);
  const [chosen, setChosen] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = cohorts.data?.available.find((c) => c.id === chosen)?.name;
    if (!chosen) return;
    add.mutate(chosen, {
      onSuccess: () => {
        setDone(`Ajouté·e à la cohorte « ${name ?? ""} ».`);
        setChosen("");
      },
    });
  };
  return (
    <section aria-labelledby="cohortes-titre">
      <h2 id="cohortes-titre" className={fr.cx("fr-h3")}>
        Cohortes
      </h2>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-3w")} role={undefined} />}
      </div>
      {cohorts.isPending ? (
        <Loading label="Chargement des cohortes…" />
      ) : cohorts.isError ? (
        <ProblemAlert error={cohorts.error} />
      ) : (
        <>
          {cohorts.data.items.length === 0 ? (
            <p>La personne n'est membre d'aucune cohorte.</p>
          ) : (
            <DataTable
              caption="Cohortes de la personne"
              hideCaption
              stacked
              rowHeaders
              testId="person-cohorts"
              headers={["Cohorte", "Entrée", "Ajout", "Sortie"]}
              rows={cohorts.data.items.map((c) => ({
                key: `${c.cohort_id}:${c.joined_on}`,
                cells: [c.name, formatDate(c.joined_on), COHORT_ADDED_HOW_LABELS[c.added_how], c.left_on ? `${formatDate(c.left_on)}${c.exit_reason ? ` — ${COHORT_EXIT_REASON_LABELS[c.exit_reason]}` : ""}` : "Membre actuel·le"],
              }))}
            />
          )}
          {cohorts.data.permissions.add &&
            (cohorts.data.available.length === 0 ? (
              <p className={fr.cx("fr-text--sm")}>Aucune autre cohorte ouverte sur le territoire de la personne.</p>
            ) : (
              <form onSubmit={submit} className={fr.cx("fr-mt-3w")} aria-label="Ajouter à une cohorte">
                <Select label="Ajouter à une cohorte du territoire" nativeSelectProps={{ id: "cohorte-ajout", value: chosen, onChange: (e) => setChosen(e.target.value), required: true }}>
                  <option value="" disabled>
                    Choisir une cohorte
                  </option>
                  {cohorts.data.available.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </Select>
                {add.isError && <Alert severity="error" small role="alert" description={(isApiError(add.error) && add.error.fieldErrors[0]?.message) || errorMessage(add.error).detail} className={fr.cx("fr-mb-2w")} />}
                <Button type="submit" disabled={!chosen || add.isPending} iconId="fr-icon-add-line">
                  Ajouter
                </Button>
              </form>
            ))}
        </>
      )}
    </section>
  );
}
