// « S'identifier avec ProConnect » on the login page, when this instance offers it, and the reason a
// ProConnect sign-in came back without a session (`?erreur=<code>`, set by the server's callback).
import { useQuery } from "@tanstack/react-query";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton.js";
import { useSearchParams } from "react-router";
import { proconnectErrorMessage } from "../../../../common/domain/proconnect.ts";
import { authProviders } from "../../../../common/schemas/proconnect.ts";
import { API_BASE, apiRequest } from "../../api/client.ts";

export function useAuthProviders() {
  return useQuery({
    queryKey: ["auth-providers"],
    queryFn: () => apiRequest("/auth/providers", { schema: authProviders, noAuthRedirect: true }),
    staleTime: Infinity,
  });
}

export function ProConnectSection({ returnTo }: { returnTo: string }) {
  const [searchParams] = useSearchParams();
  const providers = useAuthProviders();
  const error = proconnectErrorMessage(searchParams.get("erreur"));
  return (
    <>
      {error && (
        <div className={fr.cx("fr-mb-4w")} data-testid="proconnect-error">
          <Alert severity="error" title="Connexion par ProConnect impossible" description={error} as="h2" role="alert" />
        </div>
      )}
      {providers.data?.proconnect && (
        <>
          <ProConnectButton url={`${API_BASE}/auth/proconnect/login?retour=${encodeURIComponent(returnTo)}`} />
          <p className={fr.cx("fr-hr-or")}>ou</p>
        </>
      )}
    </>
  );
}
