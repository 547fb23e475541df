// The person form: its values (strings, as typed), conversion to the API bodies of
// common/schemas/people.ts, and the fields (ids and labels) used by the error summary.
import type { RsaStatus, SituationFlag } from "../../../../common/domain/person.ts";
import type { Person, PersonCreateBody, PersonUpdateBody } from "../../../../common/schemas/people.ts";
import type { FormField } from "../../shared/ErrorSummary.tsx";
import type { CommuneValue } from "../territories/CommuneCombobox.tsx";

export interface PersonFormValues {
  first_names: string;
  last_name: string;
  birth_name: string;
  birth_date: string;
  email: string;
  phone: string;
  street: string;
  complement: string;
  commune: CommuneValue | null;
  /** What is typed in the commune field (to detect text typed but no commune picked). */
  commune_text: string;
  caf_number: string;
  france_travail_id: string;
  department_id: string;
  nir: string;
  remove_nir: boolean;
  rsa_right_opened_on: string;
  rsa_status: RsaStatus | "";
  situation_flags: SituationFlag[];
  territory_id: string;
  membership_id: string;
}

export const emptyPersonValues: PersonFormValues = {
  first_names: "",
  last_name: "",
  birth_name: "",
  birth_date: "",
  email: "",
  phone: "",
  street: "",
  complement: "",
  commune: null,
  commune_text: "",
  caf_number: "",
  france_travail_id: "",
  department_id: "",
  nir: "",
  remove_nir: false,
  rsa_right_opened_on: "",
  rsa_status: "",
  situation_flags: [],
  territory_id: "",
  membership_id: "",
};

export function valuesFromPerson(person: Person): PersonFormValues {
  const { address } = person;
  const commune =
    address.commune_code !== null
      ? { code: address.commune_code, postal_code: address.postal_code ?? "", name: address.commune_name ?? address.commune_code }
      : null;
  return {
    ...emptyPersonValues,
    first_names: person.first_names,
    last_name: person.last_name,
    birth_name: person.birth_name ?? "",
    birth_date: person.birth_date.slice(0, 10),
    email: person.email ?? "",
    phone: person.phone ?? "",
    street: address.street ?? "",
    complement: address.complement ?? "",
    commune,
    commune_text: commune ? `${commune.name} (${commune.postal_code})` : "",
    caf_number: person.caf_number ?? "",
    france_travail_id: person.france_travail_id ?? "",
    department_id: person.department_id ?? "",
    rsa_right_opened_on: person.rsa_right_opened_on?.slice(0, 10) ?? "",
    rsa_status: person.rsa_status ?? "",
    situation_flags: [...person.situation_flags],
    territory_id: person.territory?.id ?? "",
  };
}

const orNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

function addressOf(values: PersonFormValues): PersonCreateBody["address"] {
  const street = orNull(values.street);
  const complement = orNull(values.complement);
  if (street === null && complement === null && values.commune === null) return null;
  return {
    street,
    complement,
    postal_code: values.commune ? orNull(values.commune.postal_code) : null,
    commune_code: values.commune?.code ?? null,
  };
}

/** Fields shared by creation and update, empty ones as null (PATCH: null clears the value). */
function commonBody(values: PersonFormValues) {
  return {
    first_names: values.first_names.trim(),
    last_name: values.last_name.trim(),
    birth_name: orNull(values.birth_name),
    birth_date: values.birth_date,
    email: orNull(values.email),
    phone: orNull(values.phone),
    address: addressOf(values),
    caf_number: orNull(values.caf_number),
    france_travail_id: orNull(values.france_travail_id),
    department_id: orNull(values.department_id),
    rsa_right_opened_on: orNull(values.rsa_right_opened_on),
    rsa_status: values.rsa_status === "" ? null : values.rsa_status,
    situation_flags: values.situation_flags,
    territory_id: orNull(values.territory_id),
  };
}

export function toCreateBody(values: PersonFormValues, confirmNotDuplicate: boolean): PersonCreateBody {
  const nir = orNull(values.nir);
  return {
    ...commonBody(values),
    ...(nir !== null ? { nir } : {}),
    ...(values.membership_id ? { membership_id: values.membership_id } : {}),
    ...(confirmNotDuplicate ? { confirm_not_duplicate: true } : {}),
  };
}

/**
 * PATCH body: only the fields that differ from `initial` (the file as loaded), so that the
 * timeline and the access log record what really changed. The NIR is write-only: sent only when
 * typed (replace) or when its removal is asked.
 */
export function toUpdateBody(values: PersonFormValues, initial?: PersonFormValues): PersonUpdateBody {
  const next = commonBody(values);
  const before = initial ? commonBody(initial) : null;
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (before === null || JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before])) changed[key] = value;
  }
  const nir = orNull(values.nir);
  return {
    ...(changed as PersonUpdateBody),
    ...(nir !== null ? { nir } : values.remove_nir ? { nir: null } : {}),
  };
}

/** Client-side checks the schema cannot make (a commune typed but not picked in the list). */
export function extraErrors(values: PersonFormValues): Record<string, string> {
  if (values.commune === null && values.commune_text.trim() !== "") {
    return { "address.commune_code": "Choisissez la commune dans la liste des suggestions." };
  }
  return {};
}

export const PERSON_FIELDS: Record<string, FormField> = {
  first_names: { id: "personne-prenoms", label: "Prénoms" },
  last_name: { id: "personne-nom", label: "Nom" },
  birth_name: { id: "personne-nom-naissance", label: "Nom de naissance" },
  birth_date: { id: "personne-date-naissance", label: "Date de naissance" },
  email: { id: "personne-email", label: "Adresse électronique" },
  phone: { id: "personne-telephone", label: "Téléphone" },
  "address.street": { id: "personne-adresse-voie", label: "Adresse" },
  "address.complement": { id: "personne-adresse-complement", label: "Complément d'adresse" },
  "address.commune_code": { id: "personne-commune", label: "Commune" },
  "address.postal_code": { id: "personne-commune", label: "Code postal" },
  address: { id: "personne-adresse-voie", label: "Adresse" },
  caf_number: { id: "personne-caf", label: "Numéro allocataire CAF ou MSA" },
  france_travail_id: { id: "personne-france-travail", label: "Identifiant France Travail" },
  department_id: { id: "personne-id-departemental", label: "Identifiant départemental" },
  nir: { id: "personne-nir", label: "NIR (numéro de sécurité sociale)" },
  rsa_right_opened_on: { id: "personne-rsa-date", label: "Date d'ouverture du droit RSA" },
  rsa_status: { id: "personne-rsa-statut", label: "Statut du droit RSA" },
  situation_flags: { id: "personne-situation-0", label: "Situation" },
  territory_id: { id: "personne-territoire", label: "Territoire" },
  membership_id: { id: "personne-structure", label: "Au titre de la structure" },
};
