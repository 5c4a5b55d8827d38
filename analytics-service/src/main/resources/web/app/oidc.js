// Signing in with the tenant's OIDC provider: the authorization code flow with PKCE (RFC 7636), with nothing but
// fetch and WebCrypto (docs/security.md#the-dashboard-oidc-authorization-code-with-pkce). The dashboard is a public
// client: no secret, a fresh code_verifier per sign-in kept in the tab's sessionStorage, its SHA-256 sent as the
// challenge, and a random state checked on the way back.
const VERIFIER = 'salespulse.pkce.verifier';
const STATE = 'salespulse.pkce.state';
const RETURN = 'salespulse.pkce.return';

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

const redirectUri = () => location.origin + '/dashboard/';

async function discover(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error('OIDC discovery: ' + response.status);
  return response.json();
}

/** Sends the browser to the provider's sign-in page; it comes back to /dashboard/?code=…&state=…. */
export async function startSignIn(oidc) {
  const provider = await discover(oidc.issuer);
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  sessionStorage.setItem(RETURN, location.search);
  const query = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope || 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(provider.authorization_endpoint + '?' + query);
}

/**
 * Back from the provider: checks the state, trades the code and the verifier for tokens at the token endpoint, puts
 * the address the user started from back, and answers the access token (null when this is no return from it).
 */
export async function finishSignIn(oidc) {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  if (!code || !sessionStorage.getItem(VERIFIER)) return null;
  const verifier = sessionStorage.getItem(VERIFIER);
  const expected = sessionStorage.getItem(STATE);
  const back = sessionStorage.getItem(RETURN) || '';
  [VERIFIER, STATE, RETURN].forEach((key) => sessionStorage.removeItem(key));
  history.replaceState(null, '', location.pathname + back);
  if (query.get('state') !== expected) throw new Error('OIDC: the state does not match this sign-in');
  const provider = await discover(oidc.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: oidc.clientId,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new Error('OIDC token endpoint: ' + response.status);
  return (await response.json()).access_token;
}
