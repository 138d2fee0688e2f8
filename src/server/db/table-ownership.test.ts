import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TABLE_OWNERS, type Table } from './table-owners.js';

/*
 * Every table is written only by its owner's repos (TABLE_OWNERS), and SQL lives in repos. A repo is a file named
 * `*.repo.ts` or `*.writer.ts` (a repo that batches writes: group commit) inside a module's folder. Walks every
 * file of src/server and src/cli that is not a test, with the TypeScript parser:
 * - a write is a Kysely `insertInto`/`updateTable`/`deleteFrom`/`replaceInto`/`mergeInto`, or an INSERT INTO /
 *   UPDATE / DELETE FROM / REPLACE INTO / MERGE INTO naming a table in `sql` text: allowed in the owner's repos;
 * - a read is a `selectFrom`, or FROM / JOIN naming a table in `sql` text: allowed in any module's repo (a repo
 *   joins other modules' tables) and in src/server/db/ (query fragments the repos share, e.g. attempt-progress).
 * Migrations are exempt (they create the tables); tests too (they build scenes; helpers live in tests/support/).
 * So is the offline backup (src/cli/commands/backup.ts), which reads a copy of the SQLite file with better-sqlite3,
 * not the application's database: only Kysely, `sql` and `sql.raw` / `CompiledQuery.raw` text are parsed.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const ROOTS = ['src/server', 'src/cli'];

/**
 * Offences tolerated for now, each with why. The key is `<file> writes|reads <table>`. The test fails on an entry
 * that no longer matches an offence, so the list only shrinks.
 */
const ALLOWED: Record<string, string> = {};

const WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const SQL_WRITE = /\b(?:insert\s+into|update|delete\s+from|replace\s+into|merge\s+into)\s+"?(\w+)/gi;
const SQL_READ = /\b(?:from|join)\s+"?(\w+)/gi;

export interface Access {
  file: string;
  line: number;
  kind: 'writes' | 'reads';
  table: string;
}

const isTable = (name: string): name is Table => Object.hasOwn(TABLE_OWNERS, name);

/** Every table access a file makes, by the parser: Kysely calls with a literal table, and `sql` text. */
export function accessesIn(file: string, text: string): Access[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Access[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const fromSql = (node: ts.Node, sqlText: string) => {
    const add = (kind: Access['kind'], name: string) => {
      if (isTable(name.toLowerCase())) found.push({ file, line: at(node), kind, table: name.toLowerCase() });
    };
    for (const m of sqlText.matchAll(SQL_WRITE)) add('writes', m[1]!);
    // The written table is not read too (DELETE FROM t); a FROM elsewhere in the statement is.
    for (const m of sqlText.replace(SQL_WRITE, ' ').matchAll(SQL_READ)) add('reads', m[1]!);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      // A call's line is its method name's (a chain starts lines above it).
      const line = at(node.expression.name);
      const arg = node.arguments[0];
      if (WRITES.has(method) || method === 'selectFrom') {
        const kind = method === 'selectFrom' ? 'reads' : 'writes';
        if (arg && ts.isStringLiteralLike(arg)) {
          const table = arg.text.split(/\s+as\s+/i)[0]!.trim();
          found.push({ file, line, kind, table });
        } else if (arg && !ts.isArrayLiteralExpression(arg) && !ts.isArrowFunction(arg))
          // A table the parser cannot name is an offence wherever it is: the rule could not be checked.
          found.push({ file, line, kind, table: `(${arg.getText(source)})` });
      }
      const on = node.expression.expression;
      if (method === 'raw' && ts.isIdentifier(on) && ['sql', 'CompiledQuery'].includes(on.text))
        if (arg && ts.isStringLiteralLike(arg)) fromSql(node, arg.text);
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      const t = node.template;
      fromSql(
        node,
        ts.isNoSubstitutionTemplateLiteral(t)
          ? t.text
          : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join(' ? '),
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The module a repo file belongs to, or null when the file is not a repo. */
function repoModule(file: string): string | null {
  const m = /^src\/server\/modules\/([^/]+)\/(?:.+\/)?[^/]+\.(?:repo|writer)\.ts$/.exec(file);
  return m ? m[1]! : null;
}

export function isOffence(a: Access): boolean {
  const module = repoModule(a.file);
  if (a.kind === 'reads') return module === null && !a.file.startsWith('src/server/db/');
  return !isTable(a.table) || module !== TABLE_OWNERS[a.table];
}

const describeAccess = (a: Access) =>
  `${a.file}:${a.line} ${a.kind} ${a.table}` +
  (a.kind === 'writes' && isTable(a.table) ? ` (owner: ${TABLE_OWNERS[a.table]}'s repos)` : ' (SQL belongs in a repo)');

function sourceFiles() {
  return ROOTS.flatMap((root) =>
    readdirSync(path.join(REPO_ROOT, root), { recursive: true })
      .map((f) => `${root}/${String(f).split(path.sep).join('/')}`)
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('src/server/db/migrations/'))
      .map((file) => ({ file, text: readFileSync(path.join(REPO_ROOT, file), 'utf8') })),
  );
}

describe('who writes which table', () => {
  const offences = sourceFiles()
    .flatMap(({ file, text }) => accessesIn(file, text))
    .filter(isOffence);

  it('writes each table only in its owner’s repos, and reads tables only in repos (outside the allow-list)', () => {
    const listed = offences.filter((a) => !ALLOWED[`${a.file} ${a.kind} ${a.table}`]).map(describeAccess);
    expect(listed, `SQL outside the owner's repos:\n${listed.join('\n')}`).toEqual([]);
  });

  it('allows only offences that exist', () => {
    const gone = Object.keys(ALLOWED).filter((key) => !offences.some((a) => `${a.file} ${a.kind} ${a.table}` === key));
    expect(gone, 'allow-list entries without an offence: remove them').toEqual([]);
  });

  it('gives every table created by a migration an owner, and every owner is a module', () => {
    const migrations = path.join(REPO_ROOT, 'src/server/db/migrations');
    const created = readdirSync(migrations)
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        [...readFileSync(path.join(migrations, f), 'utf8').matchAll(/createTable\('(\w+)'\)/g)].map((m) => m[1]!),
      );
    expect([...new Set(created)].sort()).toEqual(Object.keys(TABLE_OWNERS).sort());
    const modules = readdirSync(path.join(REPO_ROOT, 'src/server/modules'));
    for (const owner of Object.values(TABLE_OWNERS)) expect(modules).toContain(owner);
  });

  it('finds writes and reads in Kysely calls and in sql text, and tells an owner’s repo from the rest', () => {
    const text = [
      "await trx.insertInto('attempts').values(row).execute();",
      "await db.updateTable('cards as c').set(x).execute();",
      'await sql`with v(id) as (values (1)) update attempts set state = 1 from v`.execute(trx);',
      "await db.selectFrom('photos').select('id').execute();",
      'await sql<{ n: number }>`select count(*) from answers a join attempts t on t.id = a.attempt_id`.execute(db);',
      'await sql`insert into users (id) values (${id}) on conflict do update set id = excluded.id`.execute(db);',
      'await db.deleteFrom(name).execute();',
      "await db.executeQuery(CompiledQuery.raw('DELETE FROM sessions'));",
    ].join('\n');
    const seen = accessesIn('src/server/modules/cards/cards.service.ts', text).map(
      (a) => `${a.line} ${a.kind} ${a.table}`,
    );
    expect(seen).toEqual([
      '1 writes attempts',
      '2 writes cards',
      '3 writes attempts',
      '4 reads photos',
      '5 reads answers',
      '5 reads attempts',
      '6 writes users',
      '7 writes (name)',
      '8 writes sessions',
    ]);
    const at = (file: string, kind: Access['kind'], table: string) => isOffence({ file, line: 1, kind, table });
    expect(at('src/server/modules/cards/cards.repo.ts', 'writes', 'cards')).toBe(false);
    expect(at('src/server/modules/attempts/answers.writer.ts', 'writes', 'answers')).toBe(false);
    expect(at('src/server/modules/cards/cards.repo.ts', 'writes', 'photos')).toBe(true);
    expect(at('src/server/modules/cards/cards.service.ts', 'writes', 'cards')).toBe(true);
    expect(at('src/server/modules/cards/cards.repo.ts', 'reads', 'photos')).toBe(false);
    expect(at('src/server/modules/cards/photo-source.ts', 'reads', 'photos')).toBe(true);
    expect(at('src/cli/commands/restore.ts', 'reads', 'audit_log')).toBe(true);
  });
});
