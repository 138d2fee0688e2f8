import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import { freshDatabase, type DbKind, type TestDatabase } from './databases.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: TestDatabase;
  /** The server's clock (expiry, session lifetimes): the real time unless a test freezes it. */
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * Frozen, the clock stays where the test put it (for every later test of the file too, the app being shared)
 * until unfreeze(). There is no setter on `now`: a test says which it means, freezeAt or unfreeze.
 */
export interface TestClock {
  /** What the server reads as the current time. */
  readonly now: Date;
  readonly frozen: boolean;
  /** Stops the clock at `at`. */
  freezeAt(at: Date): void;
  /** Moves the clock forward; a running clock is first frozen at the real time. */
  advance(ms: number): void;
  /** Back to the real time. */
  unfreeze(): void;
}

export async function createTestApp(kind: DbKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase(kind);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.dataDir,
    VIGIE_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    DEMO_PASSWORD: 'vigie-demo-2026',
    ...env,
  });
  let frozenAt: Date | null = null;
  const clock: TestClock = {
    get now() {
      return frozenAt ? new Date(frozenAt) : new Date();
    },
    get frozen() {
      return frozenAt !== null;
    },
    freezeAt(at: Date) {
      frozenAt = new Date(at);
    },
    advance(ms: number) {
      frozenAt = new Date((frozenAt ?? new Date()).getTime() + ms);
    },
    unfreeze() {
      frozenAt = null;
    },
  };
  const { app, ctx } = await buildApp({ config, database: database.handle, now: () => clock.now });
  await app.ready();
  return {
    app,
    ctx,
    database,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * A test app on `kind` for the tests of the describe that calls it: made before them, closed after them. Its
 * fields are read when a test runs, so the describe holds it as a constant (no `let t` and its two hooks).
 */
export function testAppFor(kind: DbKind, env: Record<string, string> = {}): TestApp {
  let made: TestApp | undefined;
  beforeAll(async () => {
    made = await createTestApp(kind, env);
  });
  afterAll(async () => made?.close());
  const app = () => {
    if (!made) throw new Error('The test app is made before the tests: read it inside one.');
    return made;
  };
  return {
    get app() {
      return app().app;
    },
    get ctx() {
      return app().ctx;
    },
    get database() {
      return app().database;
    },
    get clock() {
      return app().clock;
    },
    close: () => app().close(),
  };
}

/**
 * A browser-like client over app.inject: keeps cookies, sends the CSRF header on writes,
 * so tests go through exactly what the web app goes through.
 */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  /** Each client is its own machine, so per-address limits of one test do not spill into another. */
  remoteAddress = `127.0.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  constructor(
    private readonly app: FastifyInstance,
    readonly lang: 'fr' | 'en' = 'fr',
  ) {}

  static async start(app: FastifyInstance, lang: 'fr' | 'en' = 'fr') {
    const c = new Client(app, lang);
    const res = await c.request({ method: 'GET', url: '/api/session' });
    c.csrf = (res.json() as { csrfToken: string }).csrfToken;
    return c;
  }

  /** A client signed in as `login` with the demo password. */
  static async signedIn(app: FastifyInstance, login: string) {
    const c = await Client.start(app);
    await c.signIn(login);
    return c;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {
      'accept-language': this.lang,
      ...(opts.headers as Record<string, string>),
    };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    // As the web app does: the token from the vigie_csrf cookie (it changes when the session does).
    const csrf = this.cookies.get('vigie_csrf') ?? this.csrf;
    if (opts.method && !['GET', 'HEAD'].includes(opts.method) && csrf && !('x-csrf-token' in headers))
      headers['x-csrf-token'] = csrf;
    const res = await this.app.inject({ remoteAddress: this.remoteAddress, ...opts, headers });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  put(url: string, payload?: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }

  async signIn(login: string, password = 'vigie-demo-2026', remember = false) {
    const res = await this.post('/api/auth/sign-in', { login, password, remember });
    if (res.statusCode !== 200) throw new Error(`sign-in ${login} failed: ${res.statusCode} ${res.body}`);
    return res;
  }
}
