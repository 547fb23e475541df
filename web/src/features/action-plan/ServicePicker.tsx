// Choosing a service of the directory for an action: a search among published services (the
// objective's thematic first), or the name of a service outside the directory.
import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { useQuery } from "@tanstack/react-query";
import { todayIso } from "../../../../common/domain/dates.ts";
import { publicsForPerson, type PersonForPublics } from "../../../../common/domain/service-publics.ts";
import type { ThematicSlug } from "../../../../common/domain/thematics.ts";
import { serviceSearchResult } from "../../../../common/schemas/directory.ts";
import { api } from "../../api/client.ts";

export interface ServiceChoice {
  service_id: string | null;
  service_label: string;
}

/**
 * `person`: the services are filtered on their publics (age, disability: common/domain/service-publics.ts);
 * the user may lift the filter.
 */
export function ServicePicker({ idPrefix, thematic, person, value, onChange }: { idPrefix: string; thematic: ThematicSlug; person?: PersonForPublics | undefined; value: ServiceChoice; onChange: (v: ServiceChoice) => void }) {
  const [text, setText] = useState("");
  const [query, setQuery] = useState<{ q: string; all: boolean } | null>(null);
  const [everyPublic, setEveryPublic] = useState(false);
  const fit = person ? publicsForPerson(person, todayIso()) : null;
  const publics = fit && !everyPublic ? fit.publics.join(",") : undefined;
  const results = useQuery({
    queryKey: ["directory-picker", thematic, query, publics ?? null],
    queryFn: ({ signal }) => api.get("/services", serviceSearchResult, { q: query!.q || undefined, spie_thematique: query!.all ? undefined : thematic, publics, page_size: 8 }, signal),
    enabled: query !== null,
  });
  const search = () => setQuery({ q: text.trim(), all: false });

  return (
    <fieldset className="spie-thematic">
      <legend>Service de l'annuaire (facultatif)</legend>
      <div className="spie-search">
        <Input
          label="Chercher un service"
          hintText="Nom ou mot-clé ; la thématique de l'objectif est appliquée"
          className="spie-search__input"
          nativeInputProps={{
            id: `${idPrefix}-service-q`,
            type: "search",
            value: text,
            onChange: (e) => setText(e.target.value),
            onKeyDown: (e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                search();
              }
            },
          }}
        />
        <Button type="button" priority="secondary" className="spie-search__button" onClick={search}>
          Chercher dans l'annuaire
        </Button>
      </div>
      {fit && fit.excluded.length > 0 && (
        <p className={fr.cx("fr-text--sm", "fr-mb-1w")} data-testid="service-picker-publics">
          {everyPublic ? (
            "Tous les publics sont proposés, même les services réservés à d'autres publics que la personne."
          ) : (
            <>Pour cette personne, les services {fit.excluded.map((e) => e.reason).join(", ")} ne sont pas proposés.</>
          )}{" "}
          <Button type="button" priority="tertiary no outline" size="small" onClick={() => setEveryPublic((v) => !v)}>
            {everyPublic ? "Filtrer selon la personne" : "Voir aussi ces services"}
          </Button>
        </p>
      )}
      <div aria-live="polite" data-testid="service-picker-results">
        {results.isFetching && <p>Recherche…</p>}
        {results.data && results.data.items.length === 0 && (
          <p>
            Aucun service trouvé.{" "}
            {!query?.all && (
              <Button type="button" priority="tertiary no outline" size="small" onClick={() => setQuery({ q: query?.q ?? "", all: true })}>
                Chercher dans toutes les thématiques
              </Button>
            )}
          </p>
        )}
        {results.data && results.data.items.length > 0 && (
          <RadioButtons
            legend={`Services trouvés (${results.data.total})`}
            name={`${idPrefix}-service`}
            small
            options={results.data.items.map((s) => ({
              label: s.nom,
              hintText: `${s.structure.nom}${s.commune ? ` — ${s.commune}` : ""}${s.remote ? " — à distance" : ""}`,
              nativeInputProps: { value: s.id, checked: value.service_id === s.id, onChange: () => onChange({ service_id: s.id, service_label: s.nom }) },
            }))}
          />
        )}
      </div>
      {value.service_id ? (
        <p className={fr.cx("fr-mb-2w")} data-testid="chosen-service">
          Service choisi : <strong>{value.service_label}</strong>{" "}
          <Button type="button" priority="tertiary no outline" size="small" onClick={() => onChange({ service_id: null, service_label: "" })}>
            Retirer
          </Button>
        </p>
      ) : (
        <Input
          label="Ou le nom d'un service hors annuaire"
          nativeInputProps={{ id: `${idPrefix}-service-label`, value: value.service_label, onChange: (e) => onChange({ service_id: null, service_label: e.target.value }) }}
        />
      )}
    </fieldset>
  );
}
