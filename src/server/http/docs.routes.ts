import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { binaryReply } from '../../shared/api/common.js';
import { openApiDocument } from './openapi.js';

/**
 * The API's documentation: the OpenAPI 3.1 document and a page that reads it, both built from the routes' own
 * schemas on first request (every route is registered by then). Public: it describes the API the public web
 * app already calls (every address is in its bundle); what each route allows is its `config.access`, which
 * the page shows and the route-inventory test enforces — knowing a route's address grants nothing.
 * No script and no CDN: the page is HTML rendered here, with its own small stylesheet.
 */
export async function docsRoutes(app: FastifyInstance, version: string) {
  let cached: { json: Buffer; html: string } | null = null;
  const built = () => {
    if (!cached) {
      const doc = openApiDocument(app.vigieRouteSchemas, version);
      cached = { json: Buffer.from(JSON.stringify(doc)), html: docsPage(doc) };
    }
    return cached;
  };
  const noCache = 'no-cache';

  app.get(
    '/api/docs/openapi.json',
    {
      config: { access: 'public' },
      schema: {
        response: {
          200: {
            description: 'This document (OpenAPI 3.1)',
            content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
          },
        },
      },
    },
    async (_req, reply) => reply.type('application/json').header('cache-control', noCache).send(built().json),
  );

  app.get(
    '/api/docs',
    {
      config: { access: 'public' },
      schema: { response: { 200: binaryReply('text/html', 'This documentation, as a page') } },
    },
    async (_req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', noCache).send(Buffer.from(built().html)),
  );
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Op = {
  tags: string[];
  description: string;
  parameters?: { name: string; in: string; required: boolean; schema: unknown; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: unknown }>; $ref?: string }>;
};

function schemaBlock(schema: unknown, label: string): string {
  return `<details><summary>${esc(label)}</summary><pre tabindex="0">${esc(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function operationHtml(method: string, path: string, op: Op, id: string): string {
  const params = op.parameters?.length
    ? `<h4>Paramètres · Parameters</h4><div class="scroll" tabindex="0"><table><thead><tr><th scope="col">Nom · Name</th><th scope="col">Où · In</th><th scope="col">Requis · Required</th><th scope="col">Type</th></tr></thead><tbody>${op.parameters
        .map((p) => {
          const s = p.schema as { type?: string; enum?: unknown[] };
          const type = s.enum ? s.enum.map(String).join(' | ') : (s.type ?? 'any');
          return `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'oui · yes' : 'non · no'}</td><td>${esc(type)}</td></tr>`;
        })
        .join('')}</tbody></table></div>`
    : '';
  const body = op.requestBody
    ? `<h4>Corps de la requête · Request body</h4>${Object.entries(op.requestBody.content)
        .map(([type, c]) => schemaBlock(c.schema, `${type} — schéma · schema`))
        .join('')}`
    : '';
  const replies = Object.entries(op.responses)
    .filter(([, r]) => !r.$ref)
    .map(([status, r]) => {
      const contents = Object.entries(r.content ?? {})
        .map(([type, c]) => schemaBlock(c.schema, `${type} — schéma · schema`))
        .join('');
      return `<li><strong>${esc(status)}</strong> ${esc(r.description ?? '')}${contents}</li>`;
    })
    .join('');
  return `<article class="op" id="${esc(id)}" aria-labelledby="${esc(id)}-h"><h3 id="${esc(id)}-h"><span class="method m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p class="access">${esc(op.description)}</p>${params}${body}
<h4>Réponses · Replies</h4><ul class="replies">${replies}<li><strong>4XX, 5XX</strong> <a href="#errors">ErrorReply</a></li></ul></article>`;
}

function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, Op>>;
  const byTag = new Map<string, string[]>();
  let n = 0;
  for (const [path, item] of Object.entries(paths))
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags[0] ?? 'api';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operationHtml(method, path, op, `op-${++n}`));
    }
  const tags = [...byTag.keys()].sort();
  const info = doc.info as { title: string; version: string };
  const errorSchema = (doc.components as { schemas: Record<string, unknown> }).schemas.ErrorReply;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Documentation de l’API Vigie · Vigie API documentation</title>
<style>
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.45; color: #1b1f24; background: #fff; }
body { margin: 0; }
header, main, nav { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #d0d7de; padding-bottom: .25rem; margin-top: 2rem; text-transform: capitalize; }
h3 { font-size: 1rem; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
h3 code { overflow-wrap: anywhere; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
a { color: #0a4fb4; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
nav a { text-transform: capitalize; }
.op { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.method { display: inline-block; min-width: 4.5rem; text-align: center; font: 700 .8rem/1.6 ui-monospace, monospace; border-radius: 4px; color: #fff; background: #3c4650; }
.m-get { background: #0b5cad; } .m-post { background: #1a7431; } .m-put { background: #8a4b00; } .m-delete { background: #b42318; }
.access { margin: 0; color: #3c4650; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.replies { padding-left: 1.25rem; margin: 0; }
details { margin: .25rem 0; }
summary { cursor: pointer; color: #0a4fb4; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: .5rem; overflow: auto; max-height: 24rem; font-size: .8rem; }
:focus-visible { outline: 3px solid #0a4fb4; outline-offset: 2px; }
</style>
</head>
<body>
<header>
<h1>${esc(info.title)} <span class="version">${esc(info.version)}</span></h1>
<p>Toutes les routes du serveur, avec qui peut les appeler, leurs paramètres et le schéma de leurs réponses, tirés des schémas que le serveur applique.
<span lang="en">Every route of the server, who may call it, its parameters and its replies’ schemas, taken from the schemas the server applies.</span></p>
<p>Document OpenAPI 3.1 · <span lang="en">OpenAPI 3.1 document</span> : <a href="/api/docs/openapi.json">/api/docs/openapi.json</a></p>
</header>
<nav aria-label="Sections de l’API · API sections"><ul>${tags.map((t) => `<li><a href="#tag-${esc(t)}">${esc(t)}</a></li>`).join('')}<li><a href="#errors">Erreurs · Errors</a></li></ul></nav>
<main>
${tags.map((t) => `<section aria-labelledby="tag-${esc(t)}"><h2 id="tag-${esc(t)}">${esc(t)}</h2>${byTag.get(t)!.join('\n')}</section>`).join('\n')}
<section aria-labelledby="errors"><h2 id="errors">Erreurs · Errors</h2>
<p>Toute erreur 4XX ou 5XX a ce corps : un code stable, un message dans la langue de la requête, le champ en cause.
<span lang="en">Every 4XX or 5XX error has this body: a stable code, a message in the request’s language, the field at fault.</span></p>
${schemaBlock(errorSchema, 'ErrorReply — schéma · schema')}
</section>
</main>
</body>
</html>
`;
}
