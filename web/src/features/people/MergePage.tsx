// "Fusionner avec…": a coordinator of the territory chooses the other file of the same person, reads
// both side by side with what differs, confirms that the merge cannot be undone, and lands on the
// kept file (this one). The rules (who, what moves, what wins) are the server's
// (server/features/merge); this page only shows its preview and its refusals.
import { useEffect, useId, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import type { MergePreview, MergeSide } from "../../../../common/schemas/people.ts";
import { formatDate, formatLongDate, personDisplayName } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDebounced } from "../../shared/useDebounced.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useTerritoryPeopleSearch } from "../territories/api.ts";
import { useMergePeople, useMergePreview, usePerson } from "./api.ts";
import type { PersonPageState } from "./PersonCreatePage.tsx";

const PART_LABELS: Record<string, string> = {
  diagnostic_versions: "Versions du diagnostic",
  orientations: "Orientations",
  reorientation_requests: "Demandes de réorientation",
  contracts: "Contrats",
  contract_versions: "Versions de contrats",
  objectives: "Objectifs",
  actions: "Actions",
  notes: "Notes",
  note_versions: "Versions de notes",
  team_members: "Membres de l'équipe (historique compris)",
  join_requests: "Demandes d'accès",
  notifications: "Notifications",
  person_events: "Événements de l'historique",
  access_log: "Lignes du journal des accès",
  cohort_members: "Passages en cohorte",
  unmet_needs: "Besoins sans solution",
  committee_submissions: "Situations présentées en comité",
  committee_decisions: "Décisions de comité",
  referrals: "Orientations vers des services",
};

function value(v: string | null | undefined): string {
  return v ? v : "—";
}

function Comparison({ preview }: { preview: MergePreview }) {
  const rows: [string, (s: MergeSide) => string][] = [
    ["Prénoms", (s) => s.first_names],
    ["Nom", (s) => s.last_name],
    ["Nom de naissance", (s) => value(s.birth_name)],
    ["Date de naissance", (s) => formatDate(s.birth_date)],
    ["Commune", (s) => value(s.commune_name)],
    ["Courriel", (s) => value(s.email)],
    ["Téléphone", (s) => value(s.phone)],
    ["NIR", (s) => value(s.nir_masked)],
    ["Numéro allocataire", (s) => value(s.caf_number)],
    ["Identifiant France Travail", (s) => value(s.france_travail_id)],
    ["Identifiant départemental", (s) => value(s.department_id)],
    ["Territoire", (s) => value(s.territory_name)],
    ["Référent·e unique", (s) => (s.referent ? `${s.referent.name} (${s.referent.structure_name})` : "—")],
    ["Dossier créé le", (s) => formatDate(s.created_at)],
    ...Object.keys(PART_LABELS).map((part): [string, (s: MergeSide) => string] => [PART_LABELS[part]!, (s) => String(s.counts[part] ?? 0)]),
  ];
  return (
    <div className={fr.cx("fr-table", "fr-mb-3w")} data-testid="merge-comparison">
      <table>
        <caption>Les deux dossiers côte à côte</caption>
        <thead>
          <tr>
            <th scope="col">Élément</th>
            <th scope="col">Dossier conservé (celui-ci)</th>
            <th scope="col">Dossier fusionné (deviendra un renvoi)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, get]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{get(preview.kept)}</td>
              <td>{get(preview.merged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MergePage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const person = usePerson(id);
  const name = person.data ? personDisplayName(person.data) : "Dossier";
  useDocumentTitle(`Fusionner avec un autre dossier — ${name}`);
  const [q, setQ] = useState("");
  const search = useTerritoryPeopleSearch(person.data?.territory?.id, useDebounced(q, 300));
  const [chosen, setChosen] = useState<string | null>(null);
  const preview = useMergePreview(id, chosen);
  const merge = useMergePeople(id);
  const [confirmed, setConfirmed] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const searchId = useId();

  useEffect(() => {
    if (preview.data) previewHeading.current?.focus();
  }, [preview.data]);

  const others = (search.data?.items ?? []).filter((p) => p.person_id !== id);

  const submit = () => {
    if (!chosen || !confirmed) return;
    merge.mutate(chosen, {
      onSuccess: (result) =>
        navigate(`/personnes/${result.kept_id}`, {
          state: { flash: `Les deux dossiers ont été fusionnés : ${Object.values(result.moved).reduce((a, b) => a + b, 0)} éléments ont été repris dans ce dossier.` } satisfies PersonPageState,
        }),
    });
  };

  return (
    <>
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[
          { label: "Mes personnes", linkProps: { to: "/personnes" } },
          { label: name, linkProps: { to: `/personnes/${id}` } },
        ]}
        currentPageLabel="Fusionner avec un autre dossier"
      />
      <h1>Fusionner avec un autre dossier</h1>
      {person.isPending ? (
        <Loading label="Chargement du dossier…" />
      ) : person.isError ? (
        <ProblemAlert error={person.error} />
      ) : !person.data.permissions.merge ? (
        <Alert severity="info" title="Fusion réservée à la coordination" description="Seule l'équipe de coordination du territoire fusionne deux dossiers d'une même personne." />
      ) : (
        <>
          <p className={fr.cx("fr-text--lead")}>
            Le dossier de <strong>{name}</strong> (né·e le {formatLongDate(person.data.birth_date)}) est conservé. Tout le contenu de l'autre dossier y sera
            repris : diagnostic, orientations, contrats, plan d'action, notes, équipe, historique et journal des accès.
          </p>
          <form
            role="search"
            className={fr.cx("fr-mb-3w")}
            onSubmit={(e) => {
              e.preventDefault();
            }}
          >
            <Input
              label="Rechercher l'autre dossier dans le territoire"
              hintText="Nom et prénom, dans n'importe quel ordre (2 lettres au moins)."
              nativeInputProps={{ id: searchId, type: "search", value: q, onChange: (e) => setQ(e.target.value), autoComplete: "off" }}
            />
          </form>
          {search.isFetching && <Loading label="Recherche…" />}
          {others.length > 0 && (
            <RadioButtons
              legend="Dossier à fusionner dans celui-ci"
              name="dossier-a-fusionner"
              options={others.map((p) => ({
                label: `${p.first_names} ${p.last_name.toUpperCase()}`,
                hintText: `Né·e le ${formatLongDate(p.birth_date)}${p.commune_name ? ` · ${p.commune_name}` : ""}`,
                nativeInputProps: {
                  value: p.person_id,
                  checked: chosen === p.person_id,
                  onChange: () => {
                    setChosen(p.person_id);
                    setConfirmed(false);
                  },
                },
              }))}
            />
          )}
          {search.data && others.length === 0 && q.trim().length >= 2 && <p>Aucun autre dossier ne correspond dans le territoire.</p>}

          {chosen && preview.isPending && <Loading label="Préparation de l'aperçu…" />}
          {preview.isError && <ProblemAlert error={preview.error} />}
          {preview.data && (
            <section aria-labelledby="apercu-fusion">
              <h2 id="apercu-fusion" ref={previewHeading} tabIndex={-1}>
                Aperçu de la fusion
              </h2>
              <Comparison preview={preview.data} />
              {preview.data.conflicts.length > 0 && (
                <>
                  <h3>Différences entre les deux dossiers</h3>
                  <ul data-testid="merge-conflicts">
                    {preview.data.conflicts.map((c) => (
                      <li key={c.field} className={c.blocking ? fr.cx("fr-error-text") : undefined}>
                        {c.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {preview.data.can_merge ? (
                <>
                  <Alert
                    severity="warning"
                    className={fr.cx("fr-mb-2w")}
                    title="La fusion est définitive"
                    description="Elle ne peut pas être annulée : l'autre dossier deviendra un simple renvoi vers celui-ci et n'apparaîtra plus dans les listes ni les recherches. Les champs vides de ce dossier seront complétés par ceux de l'autre ; en cas de différence, les valeurs de ce dossier sont gardées."
                  />
                  <Checkbox
                    options={[
                      {
                        label: "J'ai vérifié qu'il s'agit de la même personne et je comprends que la fusion ne peut pas être annulée",
                        nativeInputProps: { checked: confirmed, onChange: (e) => setConfirmed(e.target.checked) },
                      },
                    ]}
                  />
                  {merge.isError && <ProblemAlert error={merge.error} />}
                  <Button type="button" onClick={submit} disabled={!confirmed || merge.isPending} iconId="fr-icon-git-merge-line" iconPosition="left">
                    Fusionner les deux dossiers
                  </Button>
                </>
              ) : (
                <Alert severity="error" title="Fusion impossible" description="Ces deux dossiers ne peuvent pas être fusionnés (voir les différences ci-dessus)." />
              )}
            </section>
          )}
          <p className={fr.cx("fr-mt-3w")}>
            <Button priority="secondary" linkProps={{ to: `/personnes/${id}` }}>
              Revenir au dossier sans fusionner
            </Button>
          </p>
        </>
      )}
    </>
  );
}
