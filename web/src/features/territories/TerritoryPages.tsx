// A territory: create and edit (platform admins: name and perimeter picked from the official
// geography), its page (communes covered, time zone and public holidays that follow from it), and
// its settings screen (orientation rule thresholds, deadlines, who decides orientations).
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { Tag } from "@codegouvfr/react-dsfr/Tag.js";
import { ACCESS_LOG_RETENTION_MONTHS } from "../../../../common/domain/access-log.ts";
import { territorySettings, type TerritorySettingsBody } from "../../../../common/schemas/orientation.ts";
import { territoryCreateBody, type PerimeterKind, type TerritoryDetail } from "../../../../common/schemas/territories.ts";
import { api, apiRequest, isApiError } from "../../api/client.ts";
import { ErrorSummary } from "../../shared/ErrorSummary.tsx";
import { formatLongDate, plural } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCreateTerritory, usePerimeterSearch, useTerritory, useUpdateTerritory } from "./api.ts";
import { useCommuneSearch } from "./communes.ts";
import { useDebounced } from "../../shared/useDebounced.ts";

const KIND_LABELS: Record<PerimeterKind, string> = { region: "Région", departement: "Département", epci: "EPCI (intercommunalité)", commune: "Commune" };

interface PickedArea {
  kind: PerimeterKind;
  code: string;
  name: string;
}

/** Search-as-you-type over the official geography; each result is a button adding it to the perimeter. */
function PerimeterPicker({ value, onChange, error }: { value: PickedArea[]; onChange: (v: PickedArea[]) => void; error?: string }) {
  const [kind, setKind] = useState<PerimeterKind>("departement");
  const [text, setText] = useState("");
  const q = useDebounced(text, 200);
  const areas = usePerimeterSearch(kind === "commune" ? "" : q, kind === "commune" ? "departement" : kind);
  const communes = useCommuneSearch(kind === "commune" ? q : "", 10);
  const results: PickedArea[] =
    kind === "commune"
      ? (communes.data ?? []).map((c) => ({ kind: "commune" as const, code: c.code, name: `${c.name} (${c.postal_codes[0] ?? c.code})` }))
      : (areas.data ?? []).map((a) => ({ kind: a.kind, code: a.code, name: a.context ? `${a.name} — ${a.context}` : a.name }));
  const has = (a: PickedArea) => value.some((v) => v.kind === a.kind && v.code === a.code);
  const shown = q.trim().length >= (kind === "commune" ? 2 : 1) ? results.filter((r) => !has(r)) : [];

  return (
    <fieldset className={fr.cx("fr-fieldset", error ? "fr-fieldset--error" : undefined)} id="territoire-perimetre" aria-describedby={error ? "territoire-perimetre-error" : undefined}>
      <legend className={fr.cx("fr-fieldset__legend")}>Périmètre</legend>
      <div className={fr.cx("fr-fieldset__element")}>
        {value.length === 0 ? (
          <p className={fr.cx("fr-text--sm")}>Aucune zone choisie.</p>
        ) : (
          <ul className={fr.cx("fr-tags-group")} aria-label="Zones du périmètre" data-testid="perimeter-items">
            {value.map((a) => (
              <li key={`${a.kind}:${a.code}`}>
                <Tag dismissible nativeButtonProps={{ onClick: () => onChange(value.filter((v) => v !== a)), "aria-label": `Retirer ${KIND_LABELS[a.kind]} ${a.name}` }}>
                  {`${KIND_LABELS[a.kind]} : ${a.name}`}
                </Tag>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={fr.cx("fr-fieldset__element")}>
        <Select label="Type de zone à ajouter" nativeSelectProps={{ id: "perimetre-type", value: kind, onChange: (e) => setKind(e.target.value as PerimeterKind) }}>
          {(Object.keys(KIND_LABELS) as PerimeterKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <Input
          label={`Chercher : ${KIND_LABELS[kind].toLowerCase()}`}
          hintText={kind === "commune" ? "Nom ou code postal" : "Nom ou code INSEE (ex. Aisne ou 02)"}
          nativeInputProps={{ id: "perimetre-recherche", type: "search", value: text, onChange: (e) => setText(e.target.value), autoComplete: "off" }}
        />
        <div role="status" aria-live="polite" className={fr.cx("fr-text--sm")}>
          {q.trim() && shown.length === 0 && !(areas.isFetching || communes.isFetching) ? "Aucun résultat." : shown.length > 0 ? plural(shown.length, "résultat", "résultats") : ""}
        </div>
        {shown.length > 0 && (
          <ul className="spie-plain-list" data-testid="perimeter-results">
            {shown.map((r) => (
              <li key={`${r.kind}:${r.code}`}>
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-add-line"
                  onClick={() => {
                    onChange([...value, r]);
                    setText("");
                  }}
                >
                  {`Ajouter ${r.name}`}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p id="territoire-perimetre-error" className={fr.cx("fr-error-text")}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

const FIELDS = { name: { id: "territoire-nom", label: "Nom" }, perimeter: { id: "territoire-perimetre", label: "Périmètre" } };

function TerritoryForm({ territory }: { territory?: TerritoryDetail }) {
  const navigate = useNavigate();
  const create = useCreateTerritory();
  const update = useUpdateTerritory(territory?.id ?? "");
  const mutation = territory ? update : create;
  const [name, setName] = useState(territory?.name ?? "");
  const [perimeter, setPerimeter] = useState<PickedArea[]>(territory?.perimeter ?? []);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [focusKey, setFocusKey] = useState(0);
  const serverError = mutation.error;
  const errors: FieldErrors = { ...clientErrors, ...(isApiError(serverError) ? problemFieldErrors(serverError) : {}) };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(territoryCreateBody, { name, perimeter: perimeter.map((p) => ({ kind: p.kind, code: p.code })) });
    if (!result.ok) {
      setClientErrors(result.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    setClientErrors({});
    mutation.mutate(result.data, { onSuccess: (t) => void navigate(`/territoires/${t.id}`), onError: () => setFocusKey((k) => k + 1) });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={territory ? "Modifier le territoire" : "Créer un territoire"}>
      <ErrorSummary errors={errors} fields={FIELDS} formError={isApiError(serverError) && serverError.fieldErrors.length === 0 ? serverError.message : null} focusKey={focusKey} />
      <Input label="Nom du territoire" hintText="Exemple : Aisne" {...errorState(errorFor(errors, "name"))} nativeInputProps={{ id: FIELDS.name.id, value: name, onChange: (e) => setName(e.target.value), required: true }} />
      <PerimeterPicker value={perimeter} onChange={setPerimeter} error={errorFor(errors, "perimeter")} />
      <Button type="submit" disabled={mutation.isPending}>
        {territory ? "Enregistrer" : "Créer le territoire"}
      </Button>
    </form>
  );
}

export function TerritoryCreatePage() {
  useDocumentTitle("Créer un territoire");
  return (
    <>
      <h1>Créer un territoire</h1>
      <p>Le fuseau horaire et les jours fériés du territoire découlent de son périmètre (Mayotte, La Réunion, Alsace-Moselle…).</p>
      <TerritoryForm />
    </>
  );
}

export function TerritoryEditPage() {
  const { id = "" } = useParams();
  const query = useTerritory(id);
  useDocumentTitle(query.data ? `Modifier ${query.data.name}` : "Modifier un territoire");
  if (query.isPending) return <Loading label="Chargement du territoire…" />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  return (
    <>
      <h1>Modifier le territoire {query.data.name}</h1>
      <TerritoryForm territory={query.data} key={query.data.id} />
    </>
  );
}

export function TerritoryPage() {
  const { id = "" } = useParams();
  const query = useTerritory(id);
  useDocumentTitle(query.data?.name ?? "Territoire");
  if (query.isPending) return <Loading label="Chargement du territoire…" />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  const t = query.data;
  return (
    <>
      <div className="spie-page-heading">
        <h1>{t.name}</h1>
        {t.permissions.update && (
          <Button linkProps={{ to: `/territoires/${t.id}/modifier` }} priority="secondary" iconId="fr-icon-edit-line">
            Modifier le nom ou le périmètre
          </Button>
        )}
      </div>
      <section aria-labelledby="territoire-perimetre-titre" className={fr.cx("fr-mb-4w")}>
        <h2 id="territoire-perimetre-titre" className={fr.cx("fr-h4")}>
          Périmètre
        </h2>
        <ul>
          {t.perimeter.map((p) => (
            <li key={`${p.kind}:${p.code}`}>
              {KIND_LABELS[p.kind]} : {p.name} ({p.code})
            </li>
          ))}
        </ul>
        <p data-testid="communes-count">
          {plural(t.communes_count, "commune couverte", "communes couvertes")}
          {t.departements.length > 0 && ` (${t.departements.map((d) => `${d.name} ${d.code}`).join(", ")})`}
          {t.communes_sample.length > 0 && `, dont ${t.communes_sample.map((c) => c.name).join(", ")}${t.communes_count > t.communes_sample.length ? "…" : "."}`}
        </p>
      </section>
      <section aria-labelledby="territoire-calendrier" className={fr.cx("fr-mb-4w")}>
        <h2 id="territoire-calendrier" className={fr.cx("fr-h4")}>
          Calendrier
        </h2>
        <p data-testid="territory-calendar">
          Fuseau horaire : <strong>{t.calendar.time_zone}</strong> · Jours fériés : <strong>{t.calendar.zone_label}</strong>
        </p>
        {t.calendar.mixed && <Alert severity="warning" small description="Les départements du périmètre n'ont pas tous le même calendrier : celui du premier département s'applique." />}
        <details>
          <summary>Jours fériés {t.calendar.year}</summary>
          <ul>
            {t.calendar.holidays.map((h) => (
              <li key={h.date}>
                {formatLongDate(h.date)} : {h.name}
              </li>
            ))}
          </ul>
        </details>
      </section>
      {t.permissions.read_settings && <SettingsSection territoryId={t.id} />}
      {t.permissions.read_queues && (
        <p>
          <Link to={`/?territoire=${t.id}`}>Files d'attente de la coordination</Link>
        </p>
      )}
      {t.permissions.create_structure && (
        <Button linkProps={{ to: "/structures/nouvelle" }} priority="secondary" iconId="fr-icon-add-line">
          Créer une structure
        </Button>
      )}
    </>
  );
}

function useSettings(id: string) {
  return useQuery({ queryKey: ["territories", id, "settings"], queryFn: ({ signal }) => api.get(`/territories/${id}/settings`, territorySettings, undefined, signal) });
}

const num = (v: string): number | undefined => (v.trim() === "" ? undefined : Number(v));

function SettingsSection({ territoryId }: { territoryId: string }) {
  const settings = useSettings(territoryId);
  if (settings.isPending) return <Loading label="Chargement des règles…" />;
  if (settings.isError) return <ProblemAlert error={settings.error} />;
  return <SettingsForm territoryId={territoryId} data={settings.data} />;
}

function SettingsForm({ territoryId, data }: { territoryId: string; data: z.infer<typeof territorySettings> }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: TerritorySettingsBody) => apiRequest(`/territories/${territoryId}/settings`, { method: "PUT", body, schema: territorySettings }),
    onSuccess: (saved) => queryClient.setQueryData(["territories", territoryId, "settings"], saved),
  });
  const [form, setForm] = useState<Record<string, string>>(() => {
    const s = data.settings;
    return {
      professional_max_score: String(s.orientation_rule?.professional_max_score ?? ""),
      socio_professional_max_score: String(s.orientation_rule?.socio_professional_max_score ?? ""),
      soon_days: String(s.deadlines?.soon_days ?? ""),
      contact_months: String(s.deadlines?.contact_months ?? ""),
      retention_months: String(s.access_log?.retention_months ?? ""),
      decide: s.structures_may_decide_orientation ? "1" : "",
    };
  });
  const [saved, setSaved] = useState(false);
  const effective = data.effective;
  const editable = data.can_update;
  const errors = isApiError(save.error) ? problemFieldErrors(save.error) : {};
  const set = (key: string, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const current = data.settings;
    const body: TerritorySettingsBody = {
      ...current,
      orientation_rule: { ...current.orientation_rule, professional_max_score: num(form.professional_max_score ?? ""), socio_professional_max_score: num(form.socio_professional_max_score ?? "") },
      deadlines: { soon_days: num(form.soon_days ?? ""), contact_months: num(form.contact_months ?? "") },
      structures_may_decide_orientation: form.decide === "1",
      access_log: { retention_months: num(form.retention_months ?? "") },
    };
    save.mutate(body, { onSuccess: () => setSaved(true) });
  };
  const field = (key: string, label: string, hint: string) => (
    <Input
      label={label}
      hintText={hint}
      disabled={!editable}
      {...errorState(errorFor(errors, `orientation_rule.${key}`) ?? errorFor(errors, `deadlines.${key}`))}
      nativeInputProps={{ id: `reglage-${key}`, type: "number", inputMode: "numeric", value: form[key] ?? "", onChange: (e) => set(key, e.target.value) }}
    />
  );
  return (
    <section aria-labelledby="territoire-reglages" className={fr.cx("fr-mb-4w")}>
      <h2 id="territoire-reglages" className={fr.cx("fr-h4")}>
        Règles du parcours
      </h2>
      <p className={fr.cx("fr-text--sm")}>Un champ vide garde la valeur par défaut (indiquée en aide). Orientation due {effective.deadlines.orientation_weeks} semaines après l'ouverture du droit RSA, contrat {effective.deadlines.contract_months} mois après la notification de l'orientation (délais légaux).</p>
      {save.isError && !isApiError(save.error, 400) && <ProblemAlert error={save.error} />}
      {saved && <Alert severity="success" small className={fr.cx("fr-mb-2w")} description="Règles enregistrées." />}
      <form onSubmit={submit} aria-label="Règles du parcours du territoire">
        {field("professional_max_score", "Score maximal pour une orientation professionnelle", `En vigueur : ${effective.orientation_rule.professional_max_score}`)}
        {field("socio_professional_max_score", "Score maximal pour une orientation socio-professionnelle", `En vigueur : ${effective.orientation_rule.socio_professional_max_score} ; au-delà, orientation sociale`)}
        {field("soon_days", "Échéance proche : nombre de jours avant l'échéance", `En vigueur : ${effective.deadlines.soon_days}`)}
        {field("contact_months", "Sans contact : nombre de mois", `En vigueur : ${effective.deadlines.contact_months}`)}
        <Input
          label="Journal des accès : durée de conservation (mois)"
          hintText={`En vigueur : ${effective.access_log.retention_months} mois ; de ${ACCESS_LOG_RETENTION_MONTHS.min} à ${ACCESS_LOG_RETENTION_MONTHS.max} mois, ${ACCESS_LOG_RETENTION_MONTHS.default} par défaut. Les lignes plus anciennes sont supprimées chaque nuit.`}
          disabled={!editable}
          {...errorState(errorFor(errors, "access_log.retention_months"))}
          nativeInputProps={{ id: "reglage-retention_months", type: "number", inputMode: "numeric", value: form.retention_months ?? "", onChange: (e) => set("retention_months", e.target.value) }}
        />
        <Checkbox
          disabled={!editable}
          options={[
            {
              label: "Les structures décident de l'orientation des personnes qu'elles accompagneront",
              hintText: "Sinon, seule l'équipe de coordination du territoire décide des orientations.",
              nativeInputProps: { name: "reglage-decision", checked: form.decide === "1", onChange: (e) => set("decide", e.target.checked ? "1" : "") },
            },
          ]}
        />
        {editable && (
          <Button type="submit" disabled={save.isPending}>
            Enregistrer les règles
          </Button>
        )}
      </form>
    </section>
  );
}
