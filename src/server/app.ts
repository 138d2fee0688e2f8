import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { Secrets } from './crypto.js';
import type { DbHandle } from './db/index.js';
import { EventBus } from './events.js';
import { registerAuth } from './http/auth.js';
import { registerWorkstationCookie } from './http/workstation.js';
import { answerFrameworkError, MAX_UPLOAD_BYTES, registerErrorHandler } from './http/errors.js';
import { registerJsonBody } from './http/json-body.js';
import { registerRouteSchemas } from './http/route-schemas.js';
import { replySerializerCompiler } from './http/reply-serializer.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import { opsRoutes } from './http/ops.routes.js';
import { docsRoutes } from './http/docs.routes.js';
import { requestLogSerializers } from './http/request-log.js';
import { createMailer } from './mailer.js';
import { moduleRoutes } from './modules/index.js';
import { wireModules } from './wiring.js';
import { binaryReply } from '../shared/api/common.js';

export interface BuildOptions {
  config: Config;
  database: DbHandle;
  now?: () => Date;
  /** Serve the built web app (dist/web) when present. */
  serveWeb?: boolean;
}

/** The API's version in its OpenAPI document: the package's. */
const appVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Paths whose values must never reach a log line. */
const redact = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.number',
  '*.token',
];

/** The security headers' settings (Content-Security-Policy and the rest, by @fastify/helmet). */
export function helmetOptions(config: Config): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.env === 'production',
  };
}

export async function buildApp(opts: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { config } = opts;
  const app = Fastify({
    logger: {
      level: config.env === 'test' ? 'silent' : config.logLevel,
      redact,
      serializers: requestLogSerializers,
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => Math.random().toString(36).slice(2, 10),
    frameworkErrors: answerFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  // In tests, a reply its schema would change is an error (reply-serializer.ts).
  app.setSerializerCompiler(replySerializerCompiler(config.env === 'test'));

  const ctx: AppContext = {
    config,
    db: opts.database.db,
    dbKind: opts.database.kind,
    databaseUrl: opts.database.url,
    secrets: new Secrets(config.secret),
    log: app.log,
    mailer: createMailer(config, app.log),
    events: new EventBus(),
    hooks: wireModules(),
    now: opts.now ?? (() => new Date()),
  };

  await app.register(cookie);
  await registerSecurityHeaders(app, helmetOptions(config));
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false });
  registerErrorHandler(app);
  registerJsonBody(app);
  registerRouteSchemas(app);
  registerAuth(app, ctx);
  registerWorkstationCookie(app, ctx);

  // At the root, not in a plugin of its own: the metrics' onResponse hook then counts every route.
  await opsRoutes(app, ctx);
  for (const routes of moduleRoutes) await app.register(async (scope) => routes(scope, ctx));
  await docsRoutes(app, appVersion);

  const webRoot = path.resolve('dist/web');
  if (opts.serveWeb && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, serve: false });
    // Built files by their path; every other page (/connexion, /point-de-service/…) is the SPA's index.html.
    const webFiles = binaryReply('text/html', "The web app's files; every other page is its index.html");
    // `hide`: the web app's files are not part of the API's document.
    app.get(
      '/*',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: webFiles } } },
      async (req, reply) => {
        const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
        if (rel.startsWith('api/')) return reply.callNotFound();
        const file = path.resolve(webRoot, rel);
        if (rel && file.startsWith(webRoot + path.sep) && existsSync(file) && statSync(file).isFile()) {
          const immutable = rel.startsWith('assets/');
          return reply
            .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
            .sendFile(rel);
        }
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      },
    );
  }
  return { app, ctx };
}
