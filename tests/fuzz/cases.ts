import type { RouteSchemas } from '../../src/server/http/route-schemas.js';
import { fieldsOf, jsonSchemaOf, sample, typeOf, withValue, type JsonSchema, type Known } from './schemas.js';

/** One request the fuzz suite sends. `mandatory` cases are always sent; the others are sampled. */
export interface FuzzCase {
  name: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
  /** Cookies sent instead of the browser's own for this request (as they travel: percent-encoded). */
  cookies?: Record<string, string>;
  mandatory?: boolean;
}

/** Text no field should take as is: NUL, other control characters, bidirectional and invisible ones… */
export const HOSTILE_TEXT: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['C0 control', 'a\u0007b'],
  ['C1 control', 'a\u0085b'],
  ['DEL', 'a\u007Fb'],
  ['right-to-left override', 'Ali\u202Eecnarf'],
  ['bidi isolate', '\u2066x\u2069'],
  ['zero-width space', 'a\u200Bb'],
  ['byte order mark', '\uFEFFab'],
  ['lone surrogate', 'a\uD800b'],
  ['decomposed accents', 'Ge\u0301ne\u0301vie\u0300ve'],
  ['line separator', 'a\u2028b'],
  ['new line', 'a\nb'],
  ['empty', ''],
  ['spaces', '   '],
  ['SQL quote', "x' OR '1'='1"],
  ['percent', '100%'],
  ['__proto__', '__proto__'],
  ['emoji', '👩🏽‍🚒'],
];

export const HOSTILE_DATES = [
  '9999-12-31',
  '0000-01-01',
  '1999-12-31',
  '2101-01-01',
  '2023-02-29',
  '2026-13-01',
  '+010000-01-01',
  '2026-01-01T00:00:00Z',
];

export const HOSTILE_NUMBERS: unknown[] = [-1, 0, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, '1', '', null, true];

/** Values of the wrong type for a field of type `t`. */
function wrongTypes(t: string): unknown[] {
  const all: unknown[] = [42, true, null, [], {}, 'x', [null], { a: 1 }];
  return all.filter((v) => {
    if (t === 'string' || t === 'enum') return typeof v !== 'string';
    if (t === 'integer' || t === 'number') return typeof v !== 'number';
    if (t === 'boolean') return typeof v !== 'boolean';
    if (t === 'array') return !Array.isArray(v);
    if (t === 'object') return v === null || typeof v !== 'object' || Array.isArray(v);
    return true;
  });
}

/** Hostile values for a body field of schema `s`. */
function bodyValues(s: JsonSchema): [string, unknown][] {
  const t = typeOf(s);
  const out: [string, unknown][] = wrongTypes(t).map((v) => [`wrong type ${JSON.stringify(v)}`, v]);
  if (t === 'string' || t === 'enum') {
    out.push(...HOSTILE_TEXT);
    out.push(['huge string', 'x'.repeat(200_000)]);
    out.push(...HOSTILE_DATES.map((d): [string, unknown] => [`date ${d}`, d]));
  }
  if (t === 'integer' || t === 'number') out.push(...HOSTILE_NUMBERS.map((n): [string, unknown] => [`number ${n}`, n]));
  if (t === 'array') {
    out.push(['huge array', Array.from({ length: 20_000 }, () => 'a')]);
    out.push(['array of NUL', ['a\u0000']]);
    out.push(['nested arrays', [[[['a']]]]]);
  }
  return out;
}

/** Hostile values for a path parameter or a querystring field (always text on the wire). */
const WIRE_TEXT: [string, string][] = [
  ...HOSTILE_TEXT.filter(([, v]) => v !== ''),
  ['huge', 'x'.repeat(5000)],
  ['dot dot', '..'],
  ['slash', 'a/b'],
  ...HOSTILE_DATES.map((d): [string, string] => [`date ${d}`, d]),
  ['number -1', '-1'],
  ['number 1e309', '1e309'],
  ['number 2^31', '2147483648'],
  ['number 2^53', '9007199254740993'],
  ['NaN', 'NaN'],
];

/** Percent-encodes for an address; a lone surrogate (which encodeURIComponent refuses) becomes invalid UTF-8. */
export function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return v
      .split('')
      .map((c) => {
        try {
          return encodeURIComponent(c);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}

function querystring(q: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v])
      parts.push(`${enc(k)}=${enc(typeof one === 'string' ? one : JSON.stringify(one))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const BOUNDARY = 'FuzzBoundary7MA4YWxk';

function multipart(parts: { name: string; filename?: string; body: string }[], close = true): string {
  const lines: string[] = [];
  for (const p of parts) {
    lines.push(`--${BOUNDARY}`);
    lines.push(
      `Content-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`,
      ...(p.filename ? ['Content-Type: image/jpeg'] : []),
      '',
      p.body,
    );
  }
  if (close) lines.push(`--${BOUNDARY}--`, '');
  return lines.join('\r\n');
}

/** Malformed (and odd) multipart bodies, for every route that takes a body. */
function multipartCases(): Omit<FuzzCase, 'method' | 'url'>[] {
  const mp = (boundary = BOUNDARY) => ({ 'content-type': `multipart/form-data; boundary=${boundary}` });
  return [
    { name: 'multipart without a boundary', payload: 'anything', headers: { 'content-type': 'multipart/form-data' } },
    {
      name: 'multipart cut short',
      payload: multipart([{ name: 'image', filename: 'a.jpg', body: '\xff\xd8\xff\xe0 cut' }], false),
      headers: mp(),
    },
    { name: 'multipart with a boundary over 256 characters', payload: 'x', headers: mp('b'.repeat(300)) },
    { name: 'multipart, empty', payload: '', headers: mp() },
    { name: 'multipart, only the closing boundary', payload: `--${BOUNDARY}--\r\n`, headers: mp() },
    { name: 'multipart, malformed part header', payload: `--${BOUNDARY}\r\nnot a header\r\n\r\nx\r\n`, headers: mp() },
    {
      name: 'multipart, __proto__ field',
      payload: multipart([{ name: '__proto__', body: '{"x":1}' }]),
      headers: mp(),
    },
    {
      name: 'multipart, a file that is not an image',
      payload: multipart([
        { name: 'image', filename: 'a.jpg', body: 'not an image' },
        { name: 'crop', body: '{"x":0,"y":0,"width":1e309,"height":"a"}' },
      ]),
      headers: mp(),
    },
    {
      name: 'multipart, NUL in a text field and a file name',
      payload: multipart([
        { name: 'crop', body: 'a\u0000' },
        { name: 'photo', filename: 'a\u0000.jpg', body: 'x' },
      ]),
      headers: mp(),
    },
  ];
}

/** The app's cookies made hostile: the session, CSRF, pre-session and workstation cookies. */
const COOKIE_CASES: { name: string; cookies: Record<string, string> }[] = [
  { name: 'cookie session: NUL', cookies: { vigie_sid: '%00' } },
  { name: 'cookie session: huge', cookies: { vigie_sid: 'x'.repeat(4000) } },
  { name: 'cookie CSRF: NUL', cookies: { vigie_csrf: 'a%00b' } },
  { name: 'cookie pre-session: malformed escape', cookies: { vigie_pre: '%E0%A4%A' } },
  { name: 'cookie workstation: NUL', cookies: { vigie_ws: '%00.%00' } },
  { name: 'cookie workstation: no signature', cookies: { vigie_ws: 'some-workstation' } },
  { name: 'cookie workstation: bidi', cookies: { vigie_ws: '%E2%80%AEx.y' } },
];

/** Bodies the JSON parser must refuse (or that are not JSON at all). */
function rawBodyCases(valid: unknown): Omit<FuzzCase, 'method' | 'url'>[] {
  const validText = JSON.stringify(valid ?? {});
  const inject = (extra: string) => (validText === '{}' ? `{${extra}}` : validText.replace(/^\{/, `{${extra},`));
  return [
    { name: 'malformed JSON', payload: '{"a":', headers: JSON_HEADERS, mandatory: true },
    { name: 'JSON: NUL byte', payload: '\u0000', headers: JSON_HEADERS },
    { name: 'JSON: empty body', payload: '', headers: JSON_HEADERS },
    { name: 'JSON: trailing garbage', payload: `${validText}xyz`, headers: JSON_HEADERS },
    { name: 'JSON: deeply nested', payload: '['.repeat(50_000) + ']'.repeat(50_000), headers: JSON_HEADERS },
    { name: 'JSON: array body', payload: '[1,2]', headers: JSON_HEADERS },
    { name: 'JSON: null body', payload: 'null', headers: JSON_HEADERS },
    { name: 'JSON: string body', payload: '"x"', headers: JSON_HEADERS },
    { name: '__proto__ key', payload: inject('"__proto__":{"isAdmin":true}'), headers: JSON_HEADERS, mandatory: true },
    { name: 'escaped __proto__ key', payload: inject('"\\u005f_proto__":{"x":1}'), headers: JSON_HEADERS },
    {
      name: 'constructor.prototype key',
      payload: inject('"constructor":{"prototype":{"x":1}}'),
      headers: JSON_HEADERS,
    },
    { name: 'prototype key', payload: inject('"prototype":1'), headers: JSON_HEADERS },
    { name: 'text/plain body', payload: validText, headers: { 'content-type': 'text/plain' } },
    { name: 'form-encoded body', payload: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { name: 'unknown content type', payload: validText, headers: { 'content-type': 'application/x-fuzz' } },
  ];
}

/**
 * Every case for one route: the valid request, then each field of the params, querystring and body made
 * hostile, fields missing and extra, bodies the parsers must refuse. Generated from the route's schemas.
 */
export function casesFor(route: RouteSchemas, known: Known): FuzzCase[] {
  const params = jsonSchemaOf(route.params);
  const query = jsonSchemaOf(route.querystring);
  const body = jsonSchemaOf(route.body);
  const validParams = (params ? sample(params, '', known) : {}) as Record<string, unknown>;
  const validQuery = (query ? sample(query, '', known) : {}) as Record<string, unknown>;
  const validBody = body ? sample(body, '', known) : undefined;
  const takesBody = !['GET', 'HEAD'].includes(route.method);

  const url = (p: Record<string, unknown>, q: Record<string, unknown>, rawParam?: [string, string]) =>
    route.url.replace(/:(\w+)/g, (_m, name: string) =>
      rawParam?.[0] === name ? rawParam[1] : enc(String(p[name] ?? known(name) ?? 'unknown-id')),
    ) + querystring(q);
  const request = (name: string, p = validParams, q = validQuery, b: unknown = validBody): FuzzCase => ({
    name,
    method: route.method,
    url: url(p, q),
    ...(takesBody ? { payload: JSON.stringify(b ?? {}), headers: JSON_HEADERS } : {}),
  });

  const cases: FuzzCase[] = [{ ...request('valid'), mandatory: true }];
  for (const c of COOKIE_CASES) cases.push({ ...request(c.name), cookies: c.cookies });
  for (const f of fieldsOf(params)) {
    const name = f.path.join('.');
    for (const [what, v] of WIRE_TEXT)
      cases.push({
        ...request(`param ${name}: ${what}`, withValue(validParams, f.path, v) as Record<string, unknown>),
        mandatory: what === 'NUL',
      });
    cases.push({
      ...request(`param ${name}: malformed escape`),
      url: url(validParams, validQuery, [f.path[0]!, '%E0%A4%A']),
    });
    cases.push({ ...request(`param ${name}: lone percent`), url: url(validParams, validQuery, [f.path[0]!, '%']) });
  }
  for (const f of fieldsOf(query)) {
    const name = f.path.join('.');
    for (const [what, v] of WIRE_TEXT)
      cases.push({
        ...request(`query ${name}: ${what}`, validParams, withValue(validQuery, f.path, v) as Record<string, unknown>),
        mandatory: what === 'NUL',
      });
    cases.push(request(`query ${name}: repeated`, validParams, { ...validQuery, [name]: ['a', 'b'] }));
    if (f.required)
      cases.push(
        request(
          `query ${name}: missing`,
          validParams,
          withValue(validQuery, f.path, undefined, true) as Record<string, unknown>,
        ),
      );
  }
  if (query || route.method === 'GET') {
    cases.push({
      ...request('query: raw __proto__'),
      url: `${url(validParams, validQuery)}${query ? '&' : '?'}__proto__=1&constructor[prototype][x]=1`,
    });
    cases.push(request('query: extra field', validParams, { ...validQuery, zzExtra: 'x' }));
  }
  if (body) {
    for (const f of fieldsOf(body)) {
      const name = f.path.join('.');
      for (const [what, v] of bodyValues(f.schema))
        cases.push({
          ...request(`body ${name}: ${what}`, validParams, validQuery, withValue(validBody, f.path, v)),
          mandatory: what === 'NUL',
        });
      if (f.required)
        cases.push(
          request(`body ${name}: missing`, validParams, validQuery, withValue(validBody, f.path, undefined, true)),
        );
    }
    cases.push(request('body: extra field', validParams, validQuery, { ...(validBody as object), zzExtra: 'x' }));
    cases.push(request('body: no body', validParams, validQuery, undefined));
  }
  if (takesBody) {
    for (const c of [...rawBodyCases(validBody), ...multipartCases()])
      cases.push({
        method: route.method,
        url: url(validParams, validQuery),
        mandatory: c.name.startsWith('multipart cut') || c.name.startsWith('multipart without'),
        ...c,
      });
  }
  return cases;
}
