import { Navigate, Outlet, useLocation } from "react-router";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { SKIP_GUARD_STATE } from "../../shared/unsavedChanges.ts";
import { useMe } from "./api.ts";

export const LOGIN_PATH = "/connexion";

/** Query parameter of the login page saying the session has just expired. */
export const EXPIRED_PARAM = "session";
export const EXPIRED_VALUE = "expiree";

/** Set when an API call met a 401 while signed in: the next way to the login page says "expirée". */
let sessionExpired = false;
export function markSessionExpired(expired: boolean): void {
  sessionExpired = expired;
}

/** The login page URL remembering where the user wanted to go (and that the session expired). */
export function loginUrl(returnTo: string, expired = false): string {
  const params = new URLSearchParams();
  if (returnTo && returnTo !== "/" && !returnTo.startsWith(LOGIN_PATH)) params.set("retour", returnTo);
  if (expired) params.set(EXPIRED_PARAM, EXPIRED_VALUE);
  const qs = params.toString();
  return qs ? `${LOGIN_PATH}?${qs}` : LOGIN_PATH;
}

/** Only same-site paths are followed after login (no open redirect). */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith(LOGIN_PATH)) return "/";
  return value;
}

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Vérification de votre session…" />;
  if (me.isError) return <ProblemAlert error={me.error} className="fr-my-4w" />;
  if (me.data === null) return <Navigate to={loginUrl(location.pathname + location.search, sessionExpired)} replace state={{ [SKIP_GUARD_STATE]: true }} />;
  return <Outlet />;
}
