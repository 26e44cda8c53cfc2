// A signed-in (or not) browser for integration tests: it keeps cookies as
// a browser does, follows no redirects (so tests see each 303), and knows
// how to find a page's CSRF token and sign in.
import assert from 'node:assert/strict';

export const DEMO_PASSWORD = 'york demo kettle orbit';

export class Browser {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  // form: an object or URLSearchParams sent urlencoded; json: sent as JSON.
  async request(method, path, { form, json, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = this.cookieHeader();
    let body;
    if (form) {
      body = new URLSearchParams(form).toString();
      h['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (json !== undefined) {
      body = JSON.stringify(json);
      h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attributes] = c.split(';').map((s) => s.trim());
      const i = pair.indexOf('=');
      const name = pair.slice(0, i), value = pair.slice(i + 1);
      if (attributes.includes('Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  }

  get(path, options) { return this.request('GET', path, options); }
  post(path, form, options = {}) { return this.request('POST', path, { ...options, form }); }

  // The CSRF token in the first form of the page at path.
  async csrf(path = '/sign-in') {
    const page = await this.get(path);
    const m = /name="csrf_token" value="([^"]+)"/.exec(page.text);
    assert.ok(m, `no CSRF token on ${path} (status ${page.status})`);
    return m[1];
  }

  async signIn(username, password = DEMO_PASSWORD, next = '/staff') {
    const csrf_token = await this.csrf('/sign-in');
    return this.post('/sign-in', { csrf_token, username, password, next });
  }

  async signedIn(username, password) {
    const r = await this.signIn(username, password);
    assert.equal(r.status, 303, `sign in as ${username}: ${r.status}\n${r.text.slice(0, 500)}`);
    return this;
  }

  session() { return this.cookies.get('alongside_session') || this.cookies.get('__Host-alongside_session'); }
}
