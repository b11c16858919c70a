/**
 * The two ways a password reaches the server, driven over HTTP as a browser would: the sign-in and
 * register forms as submitted without JavaScript (Next's progressive-enhancement form post), and
 * Auth.js's own credentials endpoint with its CSRF token.
 */
type Headers = Record<string, string>;

const unescapeHtml = (text: string) =>
  text.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The session cookie a response sets, as a Cookie header value. */
const sessionCookie = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((cookie) => /^(__Secure-)?authjs\.session-token=/.test(cookie))
    ?.split(";")[0];

/** Posts the page's form with `fields`: what happened, and the form's alert text if it shows one. */
export async function submitForm(base: string, path: string, fields: Record<string, string>, headers: Headers = {}) {
  const page = await (await fetch(`${base}${path}`, { headers })).text();
  const form = /<form[^>]*encType="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(page)?.[1];
  if (!form) throw new Error(`no form on ${path}`);
  const data = new FormData();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) {
    data.append(unescapeHtml(name!), unescapeHtml(value ?? ""));
  }
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  const response = await fetch(`${base}${path}`, { method: "POST", body: data, headers, redirect: "manual" });
  const alert = /role="alert"[^>]*>([^<]*)</.exec(await response.text())?.[1];
  const cookie = sessionCookie(response);
  return { status: response.status, alert: alert && unescapeHtml(alert), signedIn: Boolean(cookie), cookie };
}

/** POST /api/auth/callback/credentials: where Auth.js sends the browser, and whether it signed in. */
export async function signInThroughAuthJs(base: string, email: string, password: string, headers: Headers = {}) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") ?? "", signedIn: Boolean(sessionCookie(response)) };
}
