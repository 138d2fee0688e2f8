import { z } from 'zod';

/**
 * The routes' zod schemas read as JSON Schema (zod's own conversion, input side), which is all the fuzz
 * suite needs to know about a field: its type, bounds, enum, whether it is required.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
}

export function jsonSchemaOf(schema: unknown): JsonSchema | null {
  if (!schema) return null;
  return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The schema's type, an alternative's when it has several (the first one that is not null). */
export function typeOf(s: JsonSchema): string {
  if (s.enum) return 'enum';
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return typeOf(alt.find((a) => a.type !== 'null') ?? alt[0]!);
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return t ?? 'any';
}

/** Values the scene knows for a field name (ids, the role's own user name…), else undefined. */
export type Known = (field: string) => unknown;

/** A valid value for `s` (best effort: refinements are not in the JSON Schema; named fields come from `known`). */
export function sample(s: JsonSchema, field: string, known: Known): unknown {
  const k = known(field);
  if (k !== undefined) return k;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== 'null') ?? alt[0]!, field, known);
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(s.properties ?? {})) out[name] = sample(p, name, known);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items ?? {}, field, known));
    case 'string': {
      const min = s.minLength ?? 0;
      const v = 'Fuzz'.padEnd(Math.max(min, 4), 'z');
      return s.maxLength !== undefined ? v.slice(0, s.maxLength) : v;
    }
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(1, s.maximum ?? 1));
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'fuzz';
  }
}

export interface Field {
  /** Path from the root of the body, querystring or params. */
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

/** Every field of an object schema, nested objects' fields included (an array's items as index 0). */
export function fieldsOf(s: JsonSchema | null, path: string[] = []): Field[] {
  if (!s || typeOf(s) !== 'object') return [];
  const out: Field[] = [];
  for (const [name, p] of Object.entries(s.properties ?? {})) {
    const at = [...path, name];
    out.push({ path: at, schema: p, required: (s.required ?? []).includes(name) });
    if (typeOf(p) === 'object') out.push(...fieldsOf(p, at));
    if (typeOf(p) === 'array' && p.items && typeOf(p.items) !== 'object')
      out.push({ path: [...at, '0'], schema: p.items, required: false });
  }
  return out;
}

/** A deep copy of `value` with the value at `path` replaced (or removed, with `remove`). */
export function withValue(value: unknown, path: string[], v: unknown, remove = false): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (at[key] === null || typeof at[key] !== 'object') at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else at[last] = v;
  return copy;
}
