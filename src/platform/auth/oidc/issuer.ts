// Which issuers may be reached over plain http: kept apart from client.ts, so the service can check an issuer
// without loading openid-client and jose (a CLI start that signs nobody in never loads them).

/** http:// issuers only on this machine and never in production (the tests' and the demo's local provider). */
export function insecureAllowed(issuer: string, nodeEnv: string): boolean {
  const url = new URL(issuer);
  return (
    url.protocol === 'http:' &&
    nodeEnv !== 'production' &&
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  );
}
