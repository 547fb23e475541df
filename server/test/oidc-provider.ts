// A real OpenID Connect provider for the tests (node-oidc-provider on 127.0.0.1), set up like
// ProConnect: authorization code with PKCE, claims given_name / usual_name / email, signed (JWT)
// userinfo, RP-initiated logout. Its development interactions serve a plain HTML sign-in form
// (any password; the login names one of the fictional accounts below) and consent is implied.
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export interface TestAccount {
  email: string;
  given_name: string;
  usual_name: string;
  /** Absent: the claim is not sent (like ProConnect). */
  email_verified?: boolean;
}

/** Fictional accounts, by the login typed in the provider's form (also their `sub`). */
export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  camille: { email: "camille.fictive@test.spie.example.org", given_name: "Camille", usual_name: "Fictive" },
  inconnue: { email: "inconnue.fictive@test.spie.example.org", given_name: "Inconnue", usual_name: "Fictive" },
  desactivee: { email: "desactivee.fictive@test.spie.example.org", given_name: "Claude", usual_name: "Exemple" },
  nonverifiee: { email: "nonverifiee.fictive@test.spie.example.org", given_name: "Dominique", usual_name: "Exemple", email_verified: false },
};

export const TEST_CLIENT = { client_id: "spie-test", client_secret: "secret-du-client-de-test-fictif-0123456789" };

export interface TestProvider {
  issuer: string;
  provider: Provider;
  /** The environment that points spie at this provider. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (for an app whose public URL must be known before it listens). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts the provider on a random port, with one client whose redirect URIs are on `spieUrl`. */
export async function startTestProvider(spieUrl: string, accounts: Record<string, TestAccount> = TEST_ACCOUNTS): Promise<TestProvider> {
  let handler: ((req: never, res: never) => void) | null = null;
  const server: Server = createHttpServer((req, res) => (handler ? handler(req as never, res as never) : res.end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const issuer = `http://127.0.0.1:${address.port}`;

  const configuration: Configuration = {
    clients: [
      {
        ...TEST_CLIENT,
        redirect_uris: [`${spieUrl}/api/v1/auth/proconnect/callback`],
        post_logout_redirect_uris: [`${spieUrl}/connexion`],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], given_name: ["given_name"], usual_name: ["usual_name"] },
    scopes: ["openid", "email", "given_name", "usual_name"],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    // A first-party provider: no consent screen (ProConnect shows none either).
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email given_name usual_name");
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, id) => {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => {
          const { email_verified, ...rest } = account;
          return { sub: id, ...rest, ...(email_verified === undefined ? {} : { email_verified }) };
        },
      };
    },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: ["cle-de-test-fictive-du-fournisseur-oidc"] },
  };
  const provider = new Provider(issuer, configuration);
  handler = provider.callback() as never;
  return {
    issuer,
    provider,
    env: { PROCONNECT_ISSUER: issuer, PROCONNECT_CLIENT_ID: TEST_CLIENT.client_id, PROCONNECT_CLIENT_SECRET: TEST_CLIENT.client_secret, SPIE_PUBLIC_URL: spieUrl },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
