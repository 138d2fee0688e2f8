import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * No dead export: every name a file of src/ exports (tests aside) is used somewhere — imported by another file
 * (src/, tests/, scripts/, the root configs; tests count), or at least used in its own file. Syntactic, with the
 * TypeScript parser, so it runs in about a second: a namespace import (`import * as repo`) uses the names read
 * from it (`repo.x`), or all of them when the namespace itself is passed on (the migrations' index does);
 * `export * from` and `import()` use every name of their module.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Dead exports left for now, each with why. The key is `<file> <name>`. The test fails on an entry that is no longer
 * dead, so the list only shrinks.
 */
const ALLOWED: Record<string, string> = {
  'src/server/modules/accounts/accounts.schemas.ts SignInInput':
    'route schemas and their types are being rewritten by another helper (issue 15: typed contract)',
  'src/server/modules/accounts/accounts.schemas.ts servicePointBody':
    'route schemas are being rewritten by another helper (issue 15: typed contract)',
};

interface Parsed {
  file: string;
  source: ts.SourceFile;
}

function listFiles(): Parsed[] {
  const files: string[] = [];
  for (const dir of ['src', 'tests', 'scripts'])
    for (const f of readdirSync(path.join(ROOT, dir), { recursive: true }))
      if (/\.tsx?$/.test(String(f))) files.push(`${dir}/${String(f).split(path.sep).join('/')}`);
  for (const f of readdirSync(ROOT)) if (/\.ts$/.test(f)) files.push(f);
  return files.map((file) => ({
    file,
    source: ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true),
  }));
}

/** The file an import specifier names, relative to the root; null for packages and what does not exist. */
function resolveImport(from: string, spec: string, exists: (f: string) => boolean): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(exists) ?? null;
}

const isExported = (n: ts.Node) =>
  ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The names a file exports, each with the node that declares it. */
function exportsOf(source: ts.SourceFile): Map<string, ts.Node> {
  const names = new Map<string, ts.Node>();
  for (const st of source.statements) {
    // `export { a }` and `export { a } from './b.js'` (a re-export nobody imports is dead too).
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause))
      for (const el of st.exportClause.elements) names.set(el.name.text, el.name);
    else if (ts.isExportAssignment(st)) names.set('default', st);
    else if (isExported(st)) {
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.set(d.name.text, d.name);
      const named = st as ts.Node as ts.DeclarationStatement;
      if (named.name && ts.isIdentifier(named.name)) names.set(named.name.text, named.name);
    }
  }
  return names;
}

/** `<file> <name>` of every name some file takes from another; `<file> *` when it takes them all. */
function usedNames(files: Parsed[], exists: (f: string) => boolean): Set<string> {
  const used = new Set<string>();
  for (const { file, source } of files) {
    const target = (spec: ts.Expression | undefined) =>
      spec && ts.isStringLiteralLike(spec) ? resolveImport(file, spec.text, exists) : null;
    const namespaces = new Map<string, string>();
    const visit = (n: ts.Node) => {
      if (ts.isImportDeclaration(n)) {
        const to = target(n.moduleSpecifier);
        const clause = n.importClause;
        if (to && clause) {
          if (clause.name) used.add(`${to} default`);
          const b = clause.namedBindings;
          if (b && ts.isNamedImports(b))
            for (const el of b.elements) used.add(`${to} ${(el.propertyName ?? el.name).text}`);
          if (b && ts.isNamespaceImport(b)) namespaces.set(b.name.text, to);
        }
      } else if (ts.isExportDeclaration(n)) {
        const to = target(n.moduleSpecifier);
        if (to && n.exportClause && ts.isNamedExports(n.exportClause))
          for (const el of n.exportClause.elements) used.add(`${to} ${(el.propertyName ?? el.name).text}`);
        else if (to) used.add(`${to} *`);
      } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const to = target(n.arguments[0]);
        // `const { a, b } = await import('./x.js')` uses a and b; any other use of the module, all of it.
        const declared = ts.isAwaitExpression(n.parent) ? n.parent.parent : null;
        if (to && declared && ts.isVariableDeclaration(declared) && ts.isObjectBindingPattern(declared.name))
          for (const el of declared.name.elements)
            used.add(`${to} ${((el.propertyName ?? el.name) as ts.Identifier).text}`);
        else if (to) used.add(`${to} *`);
      } else if (ts.isImportTypeNode(n)) {
        const arg = n.argument;
        const to = ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal) ? target(arg.literal) : null;
        if (to)
          used.add(
            n.qualifier
              ? `${to} ${ts.isIdentifier(n.qualifier) ? n.qualifier.text : n.qualifier.getText(source).split('.')[0]}`
              : `${to} *`,
          );
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
    if (namespaces.size === 0) continue;
    const onNamespaces = (n: ts.Node) => {
      if (ts.isIdentifier(n) && namespaces.has(n.text) && !isPropertyName(n)) {
        const to = namespaces.get(n.text)!;
        const p = n.parent;
        if ((ts.isPropertyAccessExpression(p) && p.expression === n) || (ts.isQualifiedName(p) && p.left === n))
          used.add(`${to} ${ts.isPropertyAccessExpression(p) ? p.name.text : p.right.text}`);
        else if (!ts.isNamespaceImport(p)) used.add(`${to} *`);
      }
      ts.forEachChild(n, onNamespaces);
    };
    onNamespaces(source);
  }
  return used;
}

/** `x` in `repo.x`, `ns.X`, `{ x: 1 }`, `export { x }`: a name, not a use of the file's own `x`. */
function isPropertyName(n: ts.Identifier): boolean {
  const p = n.parent;
  if (ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p))
    return (ts.isQualifiedName(p) ? p.right : p.name) === n;
  if (ts.isExportSpecifier(p)) return true;
  return (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertySignature(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p)) &&
    p.name === n
  );
}

/** Whether the file uses the name itself, besides declaring and exporting it. */
function usedInOwnFile(source: ts.SourceFile, name: string, declaration: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name && n !== declaration && !isPropertyName(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

export function deadExports(files: Parsed[]): string[] {
  const known = new Set(files.map((f) => f.file));
  const used = usedNames(files, (f) => known.has(f));
  const dead: string[] = [];
  for (const { file, source } of files) {
    if (!file.startsWith('src/') || /\.test\.tsx?$/.test(file)) continue;
    if (used.has(`${file} *`)) continue;
    for (const [name, declaration] of exportsOf(source))
      if (!used.has(`${file} ${name}`) && !usedInOwnFile(source, name, declaration)) dead.push(`${file} ${name}`);
  }
  return dead;
}

describe('exports', () => {
  const files = listFiles();
  const dead = deadExports(files);

  it('are all used (outside the allow-list)', () => {
    const listed = dead.filter((d) => !ALLOWED[d]);
    expect(listed, `exported and used nowhere — delete them:\n${listed.join('\n')}`).toEqual([]);
  });

  it('allows only exports that are dead', () => {
    const alive = Object.keys(ALLOWED).filter((key) => !dead.includes(key));
    expect(alive, 'allow-list entries no longer dead: remove them').toEqual([]);
  });

  it('finds an export nobody uses, and sees uses through named, namespace and re-exports', () => {
    const parse = (file: string, text: string) => ({
      file,
      source: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true),
    });
    const found = deadExports([
      parse(
        'src/a.ts',
        'export const used = 1; export function dead() {} export type T = 1; export const own = 2; own;',
      ),
      parse(
        'src/b.ts',
        "import { used } from './a.js'; import * as c from './c.js'; c.read; export { again } from './d.js';",
      ),
      parse(
        'src/c.ts',
        'export const read = 1; export const unread = 2; export function list() {} x.list(); ({ list: 1 });',
      ),
      parse('src/d.ts', 'export const again = 1;'),
      parse('src/e.ts', "import type { T } from './a.js'; export const x: T = 1;"),
      parse('src/f.test.ts', "const { got } = await import('./g.js');"),
      parse('src/g.ts', 'export const got = 1; export const notGot = 2;'),
    ]);
    expect(new Set(found)).toEqual(
      new Set(['src/a.ts dead', 'src/b.ts again', 'src/c.ts unread', 'src/c.ts list', 'src/e.ts x', 'src/g.ts notGot']),
    );
  });
});
