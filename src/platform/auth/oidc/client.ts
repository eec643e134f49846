// The OpenID Connect relying party, on the certified `openid-client`: discovery, the authorization code flow with
// PKCE, state and nonce, signed request objects (JAR) where the provider requires them, ID-token validation, client
// authentication (client secret or private_key_jwt),
// RP-initiated logout, and the validation of back-channel logout tokens (with `jose`, against the provider's keys).
// Token times (exp, iat) are the provider's and are checked against the wall clock, which is the clock the
// provider signs with; the app's own clock (sign-in state expiry, sessions) is the service's.
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { createRemoteJWKSet, importPKCS8, jwtVerify, type JWTPayload } from 'jose';
import type { ProviderRecord } from './repository.js';
import { insecureAllowed } from './issuer.js';
import { OidcRefusal, readSecret } from './secret.js';

export { OidcRefusal } from './secret.js';
export { insecureAllowed } from './issuer.js';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** How old a logout token may be (its iat), and how far its clock may be off. */
const LOGOUT_TOKEN_MAX_AGE_SECONDS = 5 * 60;
const CLOCK_TOLERANCE_SECONDS = 30;

/** The client's private_key_jwt key: a PKCS#8 PEM; its id is the sha256 of the PEM (a rotated key, a new id). */
async function privateKeyOf(provider: ProviderRecord): Promise<client.PrivateKey> {
  const secret = readSecret(provider.secretSource);
  const key = await importPKCS8(secret, 'RS256');
  const kid = createHash('sha256').update(secret).digest('base64url').slice(0, 16);
  return { key, kid };
}

async function clientAuthFor(provider: ProviderRecord): Promise<client.ClientAuth> {
  if (provider.clientAuth === 'client_secret_post')
    return client.ClientSecretPost(readSecret(provider.secretSource));
  if (provider.clientAuth === 'client_secret_basic')
    return client.ClientSecretBasic(readSecret(provider.secretSource));
  return client.PrivateKeyJwt(await privateKeyOf(provider));
}

export interface SignInStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedInClaims {
  sub: string;
  sid: string | undefined;
  acr: string | undefined;
  amr: string[];
  claims: Record<string, unknown>;
  idToken: string;
}

export function createRelyingParty(options: { nodeEnv: string; redirectUri: string }) {
  const configurations = new Map<string, Promise<client.Configuration>>();

  async function discover(provider: ProviderRecord): Promise<client.Configuration> {
    const insecure = insecureAllowed(provider.issuer, options.nodeEnv);
    const configuration = await client.discovery(
      new URL(provider.issuer),
      provider.clientId,
      { id_token_signed_response_alg: 'RS256' },
      await clientAuthFor(provider),
      insecure ? { execute: [client.allowInsecureRequests] } : {},
    );
    // The ID token's signature is checked even though it comes straight from the token endpoint (OpenID Connect
    // allows relying on TLS there; the NL GOV profile and a forged token in transit say check it).
    client.enableNonRepudiationChecks(configuration);
    return configuration;
  }

  /** The provider's configuration (discovery), cached per provider; a failed discovery is tried again next time. */
  function configurationOf(provider: ProviderRecord): Promise<client.Configuration> {
    const key = `${provider.id}|${provider.issuer}|${provider.clientId}|${provider.secretSource}`;
    let found = configurations.get(key);
    if (!found) {
      found = discover(provider);
      configurations.set(key, found);
      found.catch(() => configurations.delete(key));
    }
    return found;
  }

  return {
    async start(provider: ProviderRecord): Promise<SignInStart> {
      const configuration = await configurationOf(provider);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const parameters: Record<string, string> = {
        redirect_uri: options.redirectUri,
        scope: 'openid profile email',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      };
      if (provider.acrValues) parameters.acr_values = provider.acrValues;
      // A provider whose discovery says it requires signed requests (JAR, RFC 9101; NL GOV Assurance profile) gets
      // the parameters only inside a request object signed with the client's private_key_jwt key; a provider
      // that requires it from a client without such a key is refused before the browser goes anywhere.
      if (configuration.serverMetadata().require_signed_request_object === true) {
        if (provider.clientAuth !== 'private_key_jwt') throw new OidcRefusal('signed_request_key');
        const url = await client.buildAuthorizationUrlWithJAR(
          configuration,
          parameters,
          await privateKeyOf(provider),
        );
        return { url, state, nonce, codeVerifier };
      }
      return { url: client.buildAuthorizationUrl(configuration, parameters), state, nonce, codeVerifier };
    },

    /** Exchanges the code (PKCE) and validates the ID token (issuer, audience, signature, times, nonce). */
    async finish(
      provider: ProviderRecord,
      callbackUrl: URL,
      checks: { state: string; nonce: string; codeVerifier: string },
    ): Promise<SignedInClaims> {
      const configuration = await configurationOf(provider);
      let tokens;
      try {
        tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new OidcRefusal(refusalReason(error));
      }
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new OidcRefusal('id_token');
      const amr = Array.isArray(claims.amr) ? claims.amr.filter((v) => typeof v === 'string') : [];
      return {
        sub: claims.sub,
        sid: typeof claims.sid === 'string' ? claims.sid : undefined,
        acr: typeof claims.acr === 'string' ? claims.acr : undefined,
        amr,
        claims: claims as Record<string, unknown>,
        idToken: tokens.id_token,
      };
    },

    /** The provider's end-session URL (RP-initiated logout), or undefined when it has none. */
    async endSessionUrl(
      provider: ProviderRecord,
      idToken: string | undefined,
      postLogoutRedirectUri: string,
    ): Promise<URL | undefined> {
      const configuration = await configurationOf(provider);
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : { client_id: provider.clientId }),
      });
    },

    /**
     * Validates a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6): signature with
     * the provider's keys, iss, aud, iat (recent), jti, the logout event, sid or sub, no nonce.
     */
    async verifyLogoutToken(provider: ProviderRecord, token: string): Promise<JWTPayload & { jti: string }> {
      const configuration = await configurationOf(provider);
      const jwksUri = configuration.serverMetadata().jwks_uri;
      if (!jwksUri) throw new OidcRefusal('logout_token');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks(jwksUri), {
          issuer: provider.issuer,
          audience: provider.clientId,
          maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['iat', 'jti', 'events'],
        }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new OidcRefusal(
          code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? 'logout_token_claims' : 'logout_token',
        );
      }
      const events = payload.events as Record<string, unknown> | undefined;
      const event = events?.[BACKCHANNEL_LOGOUT_EVENT];
      if (!event || typeof event !== 'object') throw new OidcRefusal('logout_token_claims');
      if ('nonce' in payload) throw new OidcRefusal('logout_token_claims');
      if (typeof payload.sid !== 'string' && typeof payload.sub !== 'string')
        throw new OidcRefusal('logout_token_claims');
      return payload as JWTPayload & { jti: string };
    },
  };

  function jwks(uri: string) {
    let set = jwksSets.get(uri);
    if (!set) {
      set = createRemoteJWKSet(new URL(uri));
      jwksSets.set(uri, set);
    }
    return set;
  }
}

const jwksSets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** A reason code for what openid-client refused. */
function refusalReason(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return 'provider_error';
  if (error instanceof client.ResponseBodyError)
    return error.error === 'invalid_grant' ? 'code' : 'token_endpoint';
  const code = (error as { code?: string }).code;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' || code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
    return 'id_token';
  if (code === 'OAUTH_INVALID_RESPONSE' || code === 'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED')
    return 'id_token';
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_INVALID_REQUEST') return 'callback';
  return 'id_token';
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;
