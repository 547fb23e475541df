// Members of a structure: list, add, change role, remove. Actions are shown only when the API says so:
// structure.permissions.manage_members and grantable_roles (the roles the user may give), and each
// member's permissions (change_role, remove). The server decides; this page never re-derives a rule.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { MEMBERSHIP_ROLE_LABELS, type MembershipRole } from "../../../../common/domain/roles.ts";
import { memberAddBody, type Member } from "../../../../common/schemas/structures.ts";
import { isApiError } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { formatDate, plural } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { useAddMember, useMembers, useRemoveMember, useStructure, useUpdateMemberRole } from "./api.ts";

export function MembersPage() {
  const { id = "" } = useParams();
  const structure = useStructure(id);
  const members = useMembers(id);
  const [notice, setNotice] = useState<string | null>(null);
  const title = structure.data ? `Membres de ${structure.data.name}` : "Membres de la structure";
  useDocumentTitle(structure.isError ? "Structure introuvable" : title);
  const canManage = structure.data?.permissions.manage_members === true;
  const grantable = structure.data?.permissions.grantable_roles ?? [];

  return (
    <>
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[]} currentPageLabel={title} />
      <h1>{structure.isError && isApiError(structure.error, 404) ? "Structure introuvable" : title}</h1>
      {structure.isPending ? (
        <Loading />
      ) : structure.isError ? (
        <ProblemAlert error={structure.error} />
      ) : (
        <>
          {!canManage && (
            <Alert
              severity="info"
              small
              role={undefined}
              className={fr.cx("fr-mb-3w")}
              description="Vous pouvez consulter la liste des membres, mais pas la modifier : seuls les administrateur·rices de la structure le peuvent."
            />
          )}
          <div role="status" aria-live="polite">
            {notice && <Alert severity="success" small description={notice} className={fr.cx("fr-mb-3w")} role={undefined} />}
          </div>
          {canManage && grantable.length > 0 && <AddMemberForm structureId={id} roles={grantable} onAdded={setNotice} />}

          <section aria-labelledby="membres-liste" className={fr.cx("fr-mt-6w")}>
            <h2 id="membres-liste">Membres</h2>
            {members.isPending ? (
              <Loading label="Chargement des membres…" />
            ) : members.isError ? (
              <ProblemAlert error={members.error} />
            ) : members.data.length === 0 ? (
              <p>Aucun membre.</p>
            ) : (
              <>
                <p className={fr.cx("fr-text--sm")}>{plural(members.data.length, "membre", "membres")}</p>
                <DataTable
                  caption={`Membres de ${structure.data.name}`}
                  hideCaption
                  testId="members-table"
          stacked
                  rowHeaders
                  headers={["Membre", "Rôle", "Depuis le", ...(canManage ? ["Actions"] : [])]}
                  rows={members.data.map((m) => ({
                    key: m.membership_id,
                    testId: "member-row",
                    cells: [
                      <>
                        {m.user.name}
                        <br />
                        <span className={fr.cx("fr-text--xs")}>{m.user.email}</span>
                      </>,
                      m.permissions.change_role ? <RoleEditor structureId={id} member={m} roles={grantable} onChanged={setNotice} /> : MEMBERSHIP_ROLE_LABELS[m.role],
                      formatDate(m.created_at),
                      ...(canManage ? [m.permissions.remove ? <RemoveMember structureId={id} member={m} onRemoved={setNotice} /> : null] : []),
                    ],
                  }))}
                />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

const ADD_FIELDS: Record<string, FormField> = {
  name: { id: "membre-nom", label: "Nom et prénom" },
  email: { id: "membre-email", label: "Adresse électronique" },
  role: { id: "membre-role", label: "Rôle" },
};

function AddMemberForm({ structureId, roles, onAdded }: { structureId: string; roles: MembershipRole[]; onAdded: (message: string | null) => void }) {
  const add = useAddMember(structureId);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const firstRole = roles[0] ?? "professional";
  const [role, setRole] = useState<MembershipRole>(firstRole);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [temporary, setTemporary] = useState<{ name: string; email: string; password: string } | null>(null);
  const temporaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (temporary) temporaryRef.current?.focus();
  }, [temporary]);

  const fail = (fieldErrors: FieldErrors, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onAdded(null);
    setTemporary(null);
    const result = validate(memberAddBody, { name, email: email.trim(), role });
    if (!result.ok) return fail(result.errors, null);
    add.mutate(result.data, {
      onSuccess: (added) => {
        setErrors({});
        setFormError(null);
        setName("");
        setEmail("");
        setRole(firstRole);
        if (added.temporary_password) {
          setTemporary({ name: added.user.name, email: added.user.email, password: added.temporary_password });
        } else {
          onAdded(`${added.user.name} a été ajouté·e à la structure (${MEMBERSHIP_ROLE_LABELS[added.role]}).`);
        }
      },
      onError: (error) => {
        if (isApiError(error)) {
          const mapped = problemFieldErrors(error);
          fail(mapped, Object.keys(mapped).length > 0 ? null : (error.problem.detail ?? error.problem.title));
        } else fail({}, "Erreur inattendue, réessayez.");
      },
    });
  };

  return (
    <section aria-labelledby="membre-ajout">
      <h2 id="membre-ajout">Ajouter un membre</h2>
      {temporary && (
        <div ref={temporaryRef} tabIndex={-1} className={fr.cx("fr-mb-3w")} data-testid="temporary-password">
          <Alert
            severity="warning"
            as="h3"
            title={`Compte créé pour ${temporary.name}`}
            closable
            onClose={() => {
              setTemporary(null);
              document.getElementById(ADD_FIELDS.name?.id ?? "")?.focus();
            }}
            description={
              <>
                <span className="spie-line">
                  Mot de passe provisoire : <code className="spie-password">{temporary.password}</code>
                </span>
                <span className="spie-line">
                  Transmettez-le à {temporary.name} ({temporary.email}) par un moyen sûr, de vive voix ou par un canal
                  différent de l'adresse électronique du compte. Il ne sera plus jamais affiché. Demandez-lui de le
                  changer dès sa première connexion (page « Mon compte »).
                </span>
              </>
            }
          />
        </div>
      )}
      <div className={fr.cx("fr-grid-row")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
          <ErrorSummary errors={errors} fields={ADD_FIELDS} formError={formError} focusKey={focusKey} id="membre-erreurs" />
          <form onSubmit={submit} noValidate aria-labelledby="membre-ajout">
            <Input
              label="Nom et prénom"
              {...errorState(errorFor(errors, "name"))}
              nativeInputProps={{ id: ADD_FIELDS.name?.id, autoComplete: "off", required: true, value: name, onChange: (e) => setName(e.target.value) }}
            />
            <Input
              label="Adresse électronique"
              hintText="Si un compte existe déjà avec cette adresse, il est rattaché à la structure."
              {...errorState(errorFor(errors, "email"))}
              nativeInputProps={{
                id: ADD_FIELDS.email?.id,
                type: "email",
                autoComplete: "off",
                required: true,
                value: email,
                onChange: (e) => setEmail(e.target.value),
              }}
            />
            <Select
              label="Rôle"
              {...errorState(errorFor(errors, "role"))}
              hint="Les rôles proposés sont ceux que vous pouvez attribuer."
              nativeSelectProps={{ id: ADD_FIELDS.role?.id, value: role, onChange: (e) => setRole(e.target.value as MembershipRole) }}
            >
              {roles.map((value) => (
                <option key={value} value={value}>
                  {MEMBERSHIP_ROLE_LABELS[value]}
                </option>
              ))}
            </Select>
            <Button type="submit" disabled={add.isPending} iconId="fr-icon-user-add-line">
              Ajouter le membre
            </Button>
          </form>
        </div>
      </div>
    </section>
  );
}

function RoleEditor({ structureId, member, roles, onChanged }: { structureId: string; member: Member; roles: MembershipRole[]; onChanged: (message: string) => void }) {
  const update = useUpdateMemberRole(structureId);
  const [role, setRole] = useState<MembershipRole>(member.role);
  const selectId = `role-${member.membership_id}`;
  return (
    <div className="spie-inline-form">
      <label className={fr.cx("fr-label", "fr-sr-only")} htmlFor={selectId}>
        Rôle de {member.user.name}
      </label>
      <select id={selectId} className={fr.cx("fr-select")} value={role} onChange={(e) => setRole(e.target.value as MembershipRole)}>
        {roles.map((value) => (
          <option key={value} value={value}>
            {MEMBERSHIP_ROLE_LABELS[value]}
          </option>
        ))}
      </select>
      {role !== member.role && (
        <Button
          size="small"
          disabled={update.isPending}
          onClick={() =>
            update.mutate(
              { membershipId: member.membership_id, role },
              { onSuccess: () => onChanged(`Le rôle de ${member.user.name} est désormais : ${MEMBERSHIP_ROLE_LABELS[role]}.`) },
            )
          }
        >
          Enregistrer le rôle<span className={fr.cx("fr-sr-only")}> de {member.user.name}</span>
        </Button>
      )}
      {update.isError && <p className={fr.cx("fr-message", "fr-message--error")} role="alert">{errorMessage(update.error).detail}</p>}
    </div>
  );
}

function RemoveMember({ structureId, member, onRemoved }: { structureId: string; member: Member; onRemoved: (message: string) => void }) {
  const remove = useRemoveMember(structureId);
  const me = useCurrentUser();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus) cancelRef.current?.focus();
  }, [confirming, returnFocus]);

  const isMe = member.user.id === me.user.id;

  if (!confirming) {
    return (
      <Button
        ref={cancelRef}
        size="small"
        priority="tertiary"
        iconId="fr-icon-delete-line"
        onClick={() => setConfirming(true)}
      >
        Retirer<span className={fr.cx("fr-sr-only")}> {member.user.name} de la structure</span>
      </Button>
    );
  }

  return (
    <div className="spie-confirm" role="group" aria-label={`Confirmer le retrait de ${member.user.name}`}>
      <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
        {isMe
          ? "Vous retirer de la structure ? Vous perdrez l'accès à ses données."
          : `Retirer ${member.user.name} de la structure ? Son compte est conservé.`}
      </p>
      {remove.isError && <p className={fr.cx("fr-message", "fr-message--error")} role="alert">{errorMessage(remove.error).detail}</p>}
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline", "fr-btns-group--sm")}>
        <li>
          <Button
            ref={confirmRef}
            size="small"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(member.membership_id, {
                onSuccess: () => onRemoved(`${member.user.name} a été retiré·e de la structure.`),
              })
            }
          >
            Confirmer le retrait<span className={fr.cx("fr-sr-only")}> de {member.user.name}</span>
          </Button>
        </li>
        <li>
          <Button
            size="small"
            priority="secondary"
            onClick={() => {
              setConfirming(false);
              setReturnFocus(true);
            }}
          >
            Annuler
          </Button>
        </li>
      </ul>
    </div>
  );
}
