import { Navigate, Outlet, useLocation } from "react-router";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useMe } from "./api.ts";

export const LOGIN_PATH = "/connexion";

/** The login page URL remembering where the user wanted to go. */
export function loginUrl(returnTo: string): string {
  if (!returnTo || returnTo === "/" || returnTo.startsWith(LOGIN_PATH)) return LOGIN_PATH;
  return `${LOGIN_PATH}?retour=${encodeURIComponent(returnTo)}`;
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
  if (me.data === null) return <Navigate to={loginUrl(location.pathname + location.search)} replace />;
  return <Outlet />;
}
