/**
 * A browser-like client over real HTTP (fetch), for tests against a running server process: keeps cookies,
 * echoes the CSRF cookie in the x-csrf-token header on writes, as the web app does.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { 'accept-language': 'fr' };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (method !== 'GET') {
      headers['x-csrf-token'] = this.cookies.get('vigie_csrf') ?? '';
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, json: parse(text) };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', path, body);
  }

  async signIn(login: string, password = 'vigie-demo-2026') {
    await this.get('/api/session');
    const res = await this.post('/api/auth/sign-in', { login, password, remember: false });
    if (res.status !== 200) throw new Error(`sign-in ${login}: ${res.status} ${JSON.stringify(res.json)}`);
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
