// Public search of the directory: where (commune), what (thematic, words), for whom (public), with
// the whole search in the URL so that it can be shared and the back button works.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { MODES_ACCUEIL, PUBLICS, THEMATIQUE_CATEGORIES, TYPES_SERVICE, spieThematicsOf } from "../../../../common/domain/directory.ts";
import type { ServiceSearchResult } from "../../../../common/schemas/directory.ts";
import { isApiError } from "../../api/client.ts";
import { plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useMe } from "../auth/api.ts";
import { useCommuneSearch } from "../territories/communes.ts";
import { CommuneCombobox, type CommuneValue } from "../territories/CommuneCombobox.tsx";
import { useServiceSearch } from "./searchApi.ts";
import { ServiceCard } from "./ServiceCard.tsx";
import { refusedParams, searchLinkQuery, SEARCH_LINK_PARAMS, withoutParams, type ParamError } from "./searchLink.ts";

export const SEARCH_PAGE_SIZE = 10;

function communeFromParams(params: URLSearchParams): CommuneValue | null {
  const code = params.get("code_insee");
  if (!code) return null;
  return { code, name: params.get("commune") ?? code, postal_code: params.get("cp") ?? "" };
}

type Facets = ServiceSearchResult["facets"];
const withCount = (facet: Facets[keyof Facets] | undefined, value: string, label: string) => {
  const n = facet?.find((f) => f.value === value)?.count;
  return n === undefined ? label : `${label} (${n})`;
};

export function DirectorySearchPage() {
  useDocumentTitle("Annuaire de l'offre d'insertion");
  const [params, setParams] = useSearchParams();
  const hasCriteria = SEARCH_LINK_PARAMS.some((key) => key !== "page" && Boolean(params.get(key)));
  // The API checks the link's parameters: a bad one comes back named in its problem (searchLink.ts).
  const search = useServiceSearch(searchLinkQuery(params, SEARCH_PAGE_SIZE), hasCriteria);
  const me = useMe().data;
  const canImport = me?.permissions.import_directory === true;
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };

  const requestedPage = params.get("page") ?? "1";
  const answered = search.data && !search.isPlaceholderData ? search.data : undefined;
  // A page past the last: the API answered the last page; the address follows (no extra history entry).
  useEffect(() => {
    if (answered && String(answered.page) !== requestedPage) {
      const next = new URLSearchParams(params);
      if (answered.page <= 1) next.delete("page");
      else next.set("page", String(answered.page));
      setParams(next, { replace: true });
    }
  }, [answered, requestedPage, params, setParams]);

  // After a page change, focus goes to the results' heading (not left on the pagination at the bottom).
  // A new search or filter (other criteria) leaves the focus where it is.
  const criteria = withoutParams(params, []);
  const shown = useRef({ criteria, page: requestedPage });
  useEffect(() => {
    const before = shown.current;
    shown.current = { criteria, page: requestedPage };
    if (before.criteria === criteria && before.page !== requestedPage) resultsHeading.current?.focus();
  }, [criteria, requestedPage]);

  const total = search.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  const page = search.data?.page ?? 1;
  const facets = search.data?.facets;
  const pageHref = (target: number) => {
    const next = new URLSearchParams(params);
    if (target <= 1) next.delete("page");
    else next.set("page", String(target));
    return { search: `?${next.toString()}` };
  };
  const linkErrors: ParamError[] = search.isError && isApiError(search.error) ? refusedParams(search.error.problem.errors ?? []) : [];
  const headingText = !hasCriteria
    ? null
    : linkErrors.length
      ? "Lien de recherche invalide"
      : search.isSuccess
        ? plural(total, "service trouvé", "services trouvés")
        : search.isError
          ? "Recherche impossible"
          : "Recherche en cours…";

  return (
    <>
      <div className="spie-page-heading">
        <h1>Annuaire de l'offre d'insertion</h1>
        {canImport && (
          <Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ to: "/annuaire/import" }}>
            Importer des données
          </Button>
        )}
      </div>
      <p className={fr.cx("fr-text--lead")}>Trouvez un service près de chez vous : mobilité, logement, emploi, santé, garde d'enfants…</p>

      <SearchForm key={params.toString()} params={params} onSearch={update} />

      {hasCriteria && (
        <section aria-labelledby="filtres-titre" className="spie-directory-filters">
          <h2 id="filtres-titre" className={fr.cx("fr-h6", "fr-mb-1w")}>
            Affiner
          </h2>
          <div className="spie-filter-row">
            <Select label="Public" nativeSelectProps={{ id: "filtre-public", value: params.get("publics") ?? "", onChange: (e) => update({ publics: e.target.value }) }}>
              <option value="">Tous les publics</option>
              {PUBLICS.filter((p) => p.value !== "tous-publics").map((p) => (
                <option key={p.value} value={p.value}>
                  {withCount(facets?.publics, p.value, p.label)}
                </option>
              ))}
            </Select>
            <Select label="Type de service" nativeSelectProps={{ id: "filtre-type", value: params.get("types") ?? "", onChange: (e) => update({ types: e.target.value }) }}>
              <option value="">Tous les types</option>
              {TYPES_SERVICE.map((t) => (
                <option key={t.value} value={t.value}>
                  {withCount(facets?.types, t.value, t.label)}
                </option>
              ))}
            </Select>
            <Select label="Accueil" nativeSelectProps={{ id: "filtre-accueil", value: params.get("modes_accueil") ?? "", onChange: (e) => update({ modes_accueil: e.target.value }) }}>
              <option value="">Sur place ou à distance</option>
              {MODES_ACCUEIL.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </Select>
          </div>
        </section>
      )}

      <div className="spie-toolbar">
        <div role="status" aria-live="polite">
          {headingText === null ? (
            <p className={fr.cx("fr-mb-0")} data-testid="directory-count">
              Choisissez une commune ou une thématique pour lancer la recherche.
            </p>
          ) : (
            <h2 id="resultats-titre" ref={resultsHeading} tabIndex={-1} className={fr.cx("fr-h6", "fr-mb-0")} data-testid="directory-count">
              {headingText}
            </h2>
          )}
        </div>
        {hasCriteria && total > 0 && !linkErrors.length && (
          <Link className={fr.cx("fr-link", "fr-icon-printer-line", "fr-link--icon-left")} to={`/annuaire/impression?${params.toString()}`}>
            Version imprimable
          </Link>
        )}
      </div>

      {hasCriteria &&
        (linkErrors.length ? (
          <BadLink errors={linkErrors} params={params} />
        ) : search.isPending ? (
          <Loading label="Recherche en cours…" />
        ) : search.isError ? (
          <ProblemAlert error={search.error} />
        ) : search.data.items.length === 0 ? (
          <>
            <p className={fr.cx("fr-my-4w")}>Aucun service ne correspond. Élargissez la recherche : retirez un filtre ou choisissez une thématique plus large.</p>
            {me?.permissions.record_unmet_needs && <UnmetNeedAction params={params} nothingFound />}
          </>
        ) : (
          <>
            <ul className="spie-card-list spie-plain-list" aria-labelledby="resultats-titre">
              {search.data.items.map((item) => (
                <li key={item.id}>
                  <ServiceCard service={item} headingLevel="h3" />
                </li>
              ))}
            </ul>
            {me?.permissions.record_unmet_needs && <UnmetNeedAction params={params} nothingFound={false} />}
            {pageCount > 1 && <Pagination key={page} className="spie-pagination" count={pageCount} defaultPage={Math.min(page, pageCount)} getPageLinkProps={(target) => ({ to: pageHref(target) })} />}
          </>
        ))}
    </>
  );
}

/**
 * For a signed-in professional: report the search as an unmet need, the form prefilled with the
 * SPIE thematic of the searched category and the commune.
 */
function UnmetNeedAction({ params, nothingFound }: { params: URLSearchParams; nothingFound: boolean }) {
  const category = params.get("thematiques");
  const thematic = category ? spieThematicsOf([category])[0] : undefined;
  const target = new URLSearchParams();
  if (thematic) target.set("thematic", thematic);
  for (const [from, to] of [["code_insee", "commune_code"], ["commune", "commune"], ["cp", "cp"], ["q", "q"]] as const) {
    const value = params.get(from);
    if (value) target.set(to, value);
  }
  const link = { to: `/besoins-sans-solution/signaler?${target.toString()}` };
  return nothingFound ? (
    <div className={fr.cx("fr-mb-4w")} data-testid="unmet-need-action">
      <p>Aucune solution pour la personne que vous accompagnez ? Signalez ce besoin : la coordination du territoire le verra, et vous serez prévenu·e si un service qui y répond apparaît.</p>
      <Button iconId="fr-icon-flag-line" linkProps={link}>
        Signaler un besoin sans solution
      </Button>
    </div>
  ) : (
    <p className={fr.cx("fr-mt-2w")}>
      Aucun de ces services ne convient ?{" "}
      <Link to={link.to} data-testid="unmet-need-link">
        Signaler un besoin sans solution
      </Link>
    </p>
  );
}

/** A shared link with invalid parameters: each one named, and the same search without them. */
function BadLink({ errors, params }: { errors: ParamError[]; params: URLSearchParams }) {
  const fields = [...new Set(errors.map((e) => e.field))];
  return (
    <Alert
      severity="error"
      as="h3"
      title="Ce lien de recherche contient un paramètre invalide"
      className={fr.cx("fr-my-4w")}
      description={
        <>
          <ul data-testid="directory-link-errors">
            {errors.map((e) => (
              <li key={`${e.field}-${e.message}`}>{e.message}</li>
            ))}
          </ul>
          <p className={fr.cx("fr-mb-0")}>
            <Link to={{ pathname: "/annuaire", search: withoutParams(params, fields) }}>{fields.length > 1 ? "Chercher sans ces paramètres" : "Chercher sans ce paramètre"}</Link>
          </p>
        </>
      }
    />
  );
}

function SearchForm({ params, onSearch }: { params: URLSearchParams; onSearch: (changes: Record<string, string | null>) => void }) {
  const [commune, setCommune] = useState<CommuneValue | null>(() => communeFromParams(params));
  // A shared link may carry only the INSEE code: show the commune's name as soon as it is known.
  const unnamed = commune !== null && commune.name === commune.code;
  const lookup = useCommuneSearch(unnamed ? commune.code : "", 1);
  const found = unnamed ? lookup.data?.find((c) => c.code === commune.code) : undefined;
  const shown: CommuneValue | null = found ? { code: found.code, name: found.name, postal_code: found.postal_codes[0] ?? "" } : commune;
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState(params.get("q") ?? "");
  const [thematique, setThematique] = useState(params.get("thematiques") ?? "");
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!commune && typed.trim() !== "") {
      setError("Choisissez la commune dans la liste des suggestions.");
      return;
    }
    setError(undefined);
    onSearch({ code_insee: shown?.code ?? null, commune: shown?.name ?? null, cp: shown?.postal_code || null, q: q.trim(), thematiques: thematique });
  };

  return (
    <form role="search" aria-label="Chercher un service" onSubmit={submit} className="spie-directory-search" noValidate>
      <div className="spie-filter-row">
        <CommuneCombobox key={found ? "nommee" : "code"} id="recherche-commune" label="Commune" hint="Nom ou code postal, puis choisissez dans la liste." value={shown} onChange={setCommune} onTextChange={setTyped} error={error} />
        <Select label="Thématique" nativeSelectProps={{ id: "recherche-thematique", value: thematique, onChange: (e) => setThematique(e.target.value) }}>
          <option value="">Toutes les thématiques</option>
          {THEMATIQUE_CATEGORIES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
        <Input label="Mots-clés (facultatif)" nativeInputProps={{ id: "recherche-mots", type: "search", value: q, onChange: (e) => setQ(e.target.value) }} />
      </div>
      <Button type="submit" iconId="fr-icon-search-line">
        Rechercher
      </Button>
    </form>
  );
}
