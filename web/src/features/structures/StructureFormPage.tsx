// Create and edit a platform structure (platform admins; coordinators in their territory; its
// structure admins edit), deactivate or reactivate it. The form validates with the API's own
// schema (SIRET checksum included) before sending.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { z } from "../../../../common/zod.ts";
import { referentialValue, structureCreateBody, type Structure } from "../../../../common/schemas/structures.ts";
import { api, isApiError } from "../../api/client.ts";
import { ErrorSummary } from "../../shared/ErrorSummary.tsx";
import { formatDateTime, plural } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { useTerritories } from "../territories/api.ts";
import { CommuneCombobox, type CommuneValue } from "../territories/CommuneCombobox.tsx";
import { useClaimDirectoryRecord, useDirectoryRecords, useSaveStructure, useSetStructureActive, useStructure } from "./api.ts";

interface Values {
  name: string;
  siret: string;
  type: string;
  street: string;
  commune: CommuneValue | null;
  email: string;
  phone: string;
  website: string;
  territory_id: string;
  sensitive: boolean;
}

function initialValues(s?: Structure, defaultTerritory = ""): Values {
  return {
    name: s?.name ?? "",
    siret: s?.siret ?? "",
    type: s?.type ?? "",
    street: s?.address.street ?? "",
    commune: s?.address.commune_code ? { code: s.address.commune_code, name: s.address.commune_name ?? s.address.commune_code, postal_code: s.address.postal_code ?? "" } : null,
    email: s?.email ?? "",
    phone: s?.phone ?? "",
    website: s?.website ?? "",
    territory_id: s?.territory?.id ?? defaultTerritory,
    sensitive: s?.sensitive ?? false,
  };
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

function toBody(v: Values, includeTerritory: boolean) {
  return {
    name: v.name,
    siret: orNull(v.siret),
    type: orNull(v.type),
    address: { street: orNull(v.street), postal_code: v.commune?.postal_code || null, commune_code: v.commune?.code ?? null },
    email: orNull(v.email),
    phone: orNull(v.phone),
    website: orNull(v.website),
    ...(includeTerritory ? { territory_id: orNull(v.territory_id) } : {}),
    sensitive: v.sensitive,
  };
}

const FIELDS = {
  name: { id: "structure-nom", label: "Nom" },
  siret: { id: "structure-siret", label: "SIRET" },
  type: { id: "structure-type", label: "Type" },
  territory_id: { id: "structure-territoire", label: "Territoire" },
  "address.street": { id: "structure-rue", label: "Adresse" },
  "address.commune_code": { id: "structure-commune", label: "Commune" },
  email: { id: "structure-courriel", label: "Courriel" },
  phone: { id: "structure-telephone", label: "Téléphone" },
  website: { id: "structure-site", label: "Site internet" },
};

function useStructureTypes() {
  return useQuery({
    queryKey: ["structure-types"],
    queryFn: ({ signal }) => api.get("/structure-types", z.object({ items: z.array(referentialValue) }), undefined, signal),
    staleTime: 60 * 60_000,
    select: (d) => d.items,
  });
}

export function StructureCreatePage() {
  useDocumentTitle("Créer une structure");
  return (
    <>
      <h1>Créer une structure</h1>
      <StructureForm />
    </>
  );
}

export function StructureEditPage() {
  const { id = "" } = useParams();
  const query = useStructure(id);
  useDocumentTitle(query.data?.name ?? "Structure");
  if (query.isPending) return <Loading label="Chargement de la structure…" />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  const s = query.data;
  return (
    <>
      <h1>{s.name}</h1>
      <p>
        {s.permissions.manage_members && <Link to={`/structures/${s.id}/membres`}>Gérer les membres</Link>}
        {s.permissions.manage_members && " · "}
        <Link to={`/annuaire/structures/${s.id}`}>Fiche dans l'annuaire</Link>
      </p>
      {s.deactivated_at && (
        <Alert
          severity="warning"
          small
          className={fr.cx("fr-mb-3w")}
          description={`Structure désactivée le ${formatDateTime(s.deactivated_at)} : ses membres n'ont plus accès à la plateforme par elle. Son historique est conservé.`}
        />
      )}
      {s.permissions.update ? <StructureForm structure={s} key={s.id} /> : <p>Vous ne pouvez pas modifier cette structure.</p>}
      {s.permissions.claim && <ClaimSection structure={s} />}
      {s.permissions.deactivate && s.source === "spie" && <ActivationSection structure={s} />}
    </>
  );
}

/** A directory record (imported from a producer) and this structure become one. */
function ClaimSection({ structure }: { structure: Structure }) {
  const [text, setText] = useState("");
  const records = useDirectoryRecords(text);
  const claim = useClaimDirectoryRecord(structure.id);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="structure-rattachement" className={fr.cx("fr-mt-6w")}>
      <h2 id="structure-rattachement" className={fr.cx("fr-h4")}>
        Rattacher une fiche de l'annuaire
      </h2>
      <p className={fr.cx("fr-text--sm")}>
        Si cette structure figure déjà dans l'annuaire (fiche importée de data·inclusion), rattachez la fiche : ses services passent à cette structure, les
        informations manquantes sont complétées, et les prochains imports mettront à jour ces services ici.
      </p>
      {done && <Alert severity="success" small className={fr.cx("fr-mb-2w")} description={`Fiche « ${done} » rattachée.`} />}
      {claim.isError && <ProblemAlert error={claim.error} />}
      <Input label="Chercher la fiche dans l'annuaire" hintText="Nom de la structure" nativeInputProps={{ id: "rattachement-recherche", type: "search", value: text, onChange: (e) => setText(e.target.value) }} />
      <div role="status" aria-live="polite" className={fr.cx("fr-text--sm")}>
        {text.trim().length >= 2 && records.isSuccess && (records.data.items.length === 0 ? "Aucune fiche importée ne correspond." : plural(records.data.total, "fiche trouvée", "fiches trouvées"))}
      </div>
      {records.isSuccess && text.trim().length >= 2 && records.data.items.length > 0 && (
        <ul className="spie-plain-list">
          {records.data.items.map((r) => (
            <li key={r.id}>
              <Button
                type="button"
                priority="tertiary"
                size="small"
                disabled={claim.isPending}
                onClick={() =>
                  claim.mutate(r.id, {
                    onSuccess: () => {
                      setDone(r.name);
                      setText("");
                    },
                  })
                }
              >
                {`Rattacher « ${r.name} »${r.address.commune_name ? ` (${r.address.commune_name})` : ""} — source ${r.source}`}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ActivationSection({ structure }: { structure: Structure }) {
  const mutation = useSetStructureActive(structure.id);
  const [confirming, setConfirming] = useState(false);
  const active = structure.deactivated_at === null;
  return (
    <section aria-labelledby="structure-activation" className={fr.cx("fr-mt-6w")}>
      <h2 id="structure-activation" className={fr.cx("fr-h4")}>
        {active ? "Désactiver la structure" : "Réactiver la structure"}
      </h2>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      {active ? (
        confirming ? (
          <>
            <p>Ses membres perdront aussitôt l'accès aux dossiers et aux fonctions qu'ils tiennent de cette structure. L'historique est conservé. Confirmez-vous ?</p>
            <Button priority="primary" onClick={() => mutation.mutate(false, { onSuccess: () => setConfirming(false) })} disabled={mutation.isPending} className={fr.cx("fr-mr-2w")}>
              Confirmer la désactivation
            </Button>
            <Button priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </>
        ) : (
          <Button priority="secondary" iconId="fr-icon-close-circle-line" onClick={() => setConfirming(true)}>
            Désactiver la structure
          </Button>
        )
      ) : (
        <Button priority="secondary" onClick={() => mutation.mutate(true)} disabled={mutation.isPending}>
          Réactiver la structure
        </Button>
      )}
    </section>
  );
}

function StructureForm({ structure }: { structure?: Structure }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const territories = useTerritories();
  const types = useStructureTypes();
  const save = useSaveStructure(structure?.id);
  // Admins choose any territory; coordinators create in the territories they coordinate; the
  // territory of an existing structure changes only for admins (the server decides and says so).
  const territoryChoices = me.permissions.administer_territories ? (territories.data ?? []) : me.permissions.coordinated_territories;
  const canChooseTerritory = structure ? structure.permissions.change_territory : territoryChoices.length > 0;
  const [values, setValues] = useState<Values>(() => initialValues(structure, territoryChoices.length === 1 ? territoryChoices[0]!.id : ""));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [focusKey, setFocusKey] = useState(0);
  const [saved, setSaved] = useState(false);
  const serverError = save.error;
  const errors: FieldErrors = { ...clientErrors, ...(isApiError(serverError) ? problemFieldErrors(serverError) : {}) };
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(structureCreateBody, toBody(values, canChooseTerritory));
    if (!result.ok) {
      setClientErrors(result.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    setClientErrors({});
    save.mutate(result.data, {
      onSuccess: (s) => {
        setSaved(true);
        if (!structure) void navigate(`/structures/${s.id}`, { replace: true });
      },
      onError: () => setFocusKey((k) => k + 1),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={structure ? "Modifier la structure" : "Créer une structure"}>
      <ErrorSummary errors={errors} fields={FIELDS} formError={isApiError(serverError) && serverError.fieldErrors.length === 0 ? serverError.message : null} focusKey={focusKey} />
      {saved && <Alert severity="success" small className={fr.cx("fr-mb-3w")} description="Structure enregistrée." />}
      <Input label="Nom de la structure" {...errorState(errorFor(errors, "name"))} nativeInputProps={{ id: FIELDS.name.id, value: values.name, onChange: (e) => set("name", e.target.value), required: true }} />
      <Input
        label="SIRET (facultatif)"
        hintText="14 chiffres ; la clé de contrôle est vérifiée"
        {...errorState(errorFor(errors, "siret"))}
        nativeInputProps={{ id: FIELDS.siret.id, value: values.siret, onChange: (e) => set("siret", e.target.value), inputMode: "numeric", autoComplete: "off" }}
      />
      <Select label="Type de structure (facultatif)" {...errorState(errorFor(errors, "type"))} nativeSelectProps={{ id: FIELDS.type.id, value: values.type, onChange: (e) => set("type", e.target.value) }}>
        <option value="">— Non précisé —</option>
        {(types.data ?? []).map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </Select>
      {canChooseTerritory ? (
        <Select
          label="Territoire"
          hint="Les coordinateur·rices de ce territoire voient les dossiers des personnes qu'elle accompagne"
          {...errorState(errorFor(errors, "territory_id"))}
          nativeSelectProps={{ id: FIELDS.territory_id.id, value: values.territory_id, onChange: (e) => set("territory_id", e.target.value) }}
        >
          <option value="">{structure ? "— Aucun —" : "— Déduit de la commune —"}</option>
          {territoryChoices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      ) : (
        structure && <p>Territoire : {structure.territory?.name ?? "aucun"} (seuls les administrateurs de la plateforme le changent).</p>
      )}
      <Input label="Adresse (facultatif)" {...errorState(errorFor(errors, "address.street"))} nativeInputProps={{ id: FIELDS["address.street"].id, value: values.street, onChange: (e) => set("street", e.target.value), autoComplete: "street-address" }} />
      <CommuneCombobox id={FIELDS["address.commune_code"].id} label="Commune (facultatif)" hint="Nom ou code postal" value={values.commune} onChange={(c) => set("commune", c)} error={errorFor(errors, "address.commune_code")} />
      <Input label="Courriel de contact (facultatif)" {...errorState(errorFor(errors, "email"))} nativeInputProps={{ id: FIELDS.email.id, type: "email", value: values.email, onChange: (e) => set("email", e.target.value) }} />
      <Input label="Téléphone (facultatif)" {...errorState(errorFor(errors, "phone"))} nativeInputProps={{ id: FIELDS.phone.id, type: "tel", value: values.phone, onChange: (e) => set("phone", e.target.value) }} />
      <Input label="Site internet (facultatif)" hintText="Adresse complète, ex. https://exemple.fr" {...errorState(errorFor(errors, "website"))} nativeInputProps={{ id: FIELDS.website.id, type: "url", value: values.website, onChange: (e) => set("website", e.target.value) }} />
      <Checkbox
        options={[
          {
            label: "Structure sensible",
            hintText: "Son nom seul révèle une information sensible (justice, santé, addiction…) : il n'est montré qu'à ses membres et aux professionnel·les du territoire.",
            nativeInputProps: { name: "structure-sensible", checked: values.sensitive, onChange: (e) => set("sensitive", e.target.checked) },
          },
        ]}
      />
      <Button type="submit" disabled={save.isPending}>
        {structure ? "Enregistrer" : "Créer la structure"}
      </Button>
    </form>
  );
}
