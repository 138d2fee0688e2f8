import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * No cycle between modules (a module is a folder under src/server/modules). A module that must react to
 * another's change registers a hook in src/server/wiring.ts instead of being imported by it. Walks the static
 * imports (type-only ones too: they couple as much) of every file that is not a test.
 */

const ROOT = path.resolve(import.meta.dirname);

/**
 * Module edges allowed to close a cycle for now, each with why. Remove an entry once its edge is gone: the
 * test fails on an entry that no longer matches an edge, so the list only shrinks.
 */
const ALLOWED: Record<string, string> = {
  // 'from -> to': 'why', e.g. 'accounts -> attempts': '/api/me shows the workstation; until …'
};

type Edges = Map<string, Map<string, string>>;

/** module → module → one file-level import that makes the edge (for the message). */
export function moduleEdges(files: { file: string; text: string }[]): Edges {
  const edges: Edges = new Map();
  for (const { file, text } of files) {
    const from = file.split('/')[0]!;
    for (const imp of ts.preProcessFile(text, true, false).importedFiles) {
      if (!imp.fileName.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), imp.fileName));
      if (target.startsWith('..') || !target.includes('/')) continue;
      const to = target.split('/')[0]!;
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${file} → ${target}`);
    }
  }
  return edges;
}

/**
 * Each strongly connected group of modules (Tarjan): its members, sorted, and the shortest cycle through the
 * first of them (each member is on some cycle; one is enough to say where to cut).
 */
export function findCycles(edges: Edges): { members: string[]; cycle: string[] }[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do group.push((w = stack.pop()!));
      while (w !== v);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((group) => ({ members: [...group].sort(), cycle: cycleThrough(edges, group) }));
}

/** The shortest way from the group's first module back to itself, within the group. */
function cycleThrough(edges: Edges, group: string[]): string[] {
  const start = [...group].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!group.includes(w) || previous.has(w)) continue;
      previous.set(w, v);
      if (w === start) {
        const between: string[] = [];
        for (let at = v; at !== start; at = previous.get(at)!) between.unshift(at);
        return [start, ...between, start];
      }
      queue.push(w);
    }
  }
  return group;
}

function describeCycle(edges: Edges, { members, cycle }: { members: string[]; cycle: string[] }): string {
  const steps = cycle.slice(1).map((to, i) => `    ${edges.get(cycle[i]!)!.get(to)}`);
  return `{${members.join(', ')}}, e.g. ${cycle.join(' → ')}\n${steps.join('\n')}`;
}

function sourceFiles() {
  return readdirSync(ROOT, { recursive: true })
    .map((f) => String(f).split(path.sep).join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));
}

describe('the import graph of src/server/modules', () => {
  const edges = moduleEdges(sourceFiles());

  it('has no cycle between modules (outside the allow-list)', () => {
    const kept: Edges = new Map(
      [...edges].map(([from, tos]) => [from, new Map([...tos].filter(([to]) => !ALLOWED[`${from} -> ${to}`]))]),
    );
    const cycles = findCycles(kept).map((c) => describeCycle(kept, c));
    expect(cycles, `import cycles between modules:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('allows only edges that exist', () => {
    const gone = Object.keys(ALLOWED).filter((edge) => {
      const [from, to] = edge.split(' -> ');
      return !edges.get(from!)?.has(to!);
    });
    expect(gone, 'allow-list entries without an edge: remove them').toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const files = [
      { file: 'a/a.service.ts', text: "import { b } from '../b/b.service.js';" },
      { file: 'b/b.service.ts', text: "import type { C } from '../c/c.js';" },
      { file: 'c/c.ts', text: "export { a } from '../a/a.service.js';" },
      { file: 'd/d.ts', text: "import { a } from '../a/a.service.js';" },
    ];
    const found = moduleEdges(files);
    const cycles = findCycles(found);
    expect(cycles).toEqual([{ members: ['a', 'b', 'c'], cycle: ['a', 'b', 'c', 'a'] }]);
    expect(describeCycle(found, cycles[0]!)).toContain('c/c.ts → a/a.service.js');
  });
});
