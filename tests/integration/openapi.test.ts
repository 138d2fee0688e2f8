import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSchemas } from '../../src/server/http/route-schemas.js';
import { dbKinds } from '../support/databases.js';
import { Client, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The contract: every route declares the replies it sends (a zod schema for JSON, a media type for files and
 * streams), and the OpenAPI document written from those schemas is well formed. The strict reply serializer
 * (http/reply-serializer.ts) makes every other integration test check that each schema says what its route sends.
 */
const kind = dbKinds()[0]!;
type Json = Record<string, unknown>;

describe('API contract', () => {
  let t: TestApp;
  let routes: RouteSchemas[];
  beforeAll(async () => {
    t = await createTestApp(kind);
    routes = t.app.vigieRouteSchemas.filter((r) => r.method !== 'HEAD');
  });
  afterAll(async () => t.close());

  it('every route declares a reply schema for a 2xx status', () => {
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes
      .filter((r) => !Object.keys(r.response ?? {}).some((status) => /^2(\d\d|XX)$/.test(status)))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes without a reply schema').toEqual([]);
  });

  it('serves an OpenAPI 3.1 document: every route, operations with replies, every $ref resolving', async () => {
    const c = await Client.start(t.app);
    const res = await c.get('/api/docs/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json<Json>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const paths = doc.paths as Record<string, Record<string, Json>>;

    for (const r of routes.filter((x) => !x.hide)) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url} in the document`).toBeDefined();
      // Every {name} of the path is a declared, required path parameter.
      const declared = ((op!.parameters ?? []) as Json[]).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), `${r.method} ${r.url} path parameters`).toEqual(
        [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(),
      );
      expect(op!['x-vigie-access'], `${r.method} ${r.url} access`).toBe(r.access);
    }

    const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
    for (const [path, item] of Object.entries(paths)) {
      expect(path.startsWith('/'), path).toBe(true);
      const ops = Object.entries(item);
      expect(ops.length, `${path} has operations`).toBeGreaterThan(0);
      for (const [method, op] of ops) {
        expect(methods, `${path} ${method}`).toContain(method);
        const responses = op.responses as Record<string, Json>;
        expect(
          Object.keys(responses).some((s) => s.startsWith('2')),
          `${method} ${path} has a 2xx reply`,
        ).toBe(true);
        for (const [status, reply] of Object.entries(responses)) {
          expect(status, `${method} ${path}`).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          if (!reply.$ref) expect(typeof reply.description, `${method} ${path} ${status} description`).toBe('string');
        }
      }
    }

    // A multipart upload names its parts.
    const upload = paths['/api/desk/photo-checks']!.post!.requestBody as Json;
    expect(upload).toMatchObject({
      content: { 'multipart/form-data': { schema: { properties: { image: { format: 'binary' } } } } },
    });

    // Every $ref in the document points to something in it.
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.push(x);
          else walk(x);
        }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      const target = ref
        .slice(2)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
      expect(target, `${ref} resolves`).toBeDefined();
    }
  });

  it('serves a readable page listing every route, without any script', async () => {
    const c = await Client.start(t.app);
    const res = await c.get('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).not.toContain('<script');
    for (const r of routes.filter((x) => !x.hide))
      expect(res.body, `${r.method} ${r.url}`).toContain(`<code>${r.url.replace(/:(\w+)/g, '{$1}')}</code>`);
  });
});
