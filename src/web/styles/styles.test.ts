import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The rule the stylesheets keep (ARCHITECTURE.md, "Styles"): `global.css` holds what every page shares (layout,
 * fields, buttons, alerts, badges, tables, dialogs, small utilities); each area of `src/web/pages/<area>/` has its
 * own `<area>.css`. A class belongs to one sheet: no two sheets mention it, every rule of an area sheet is scoped
 * by one of the area's classes (it may refine a global class inside it: `.verify-form .button`), and no selector
 * is written twice. A component uses only global classes and its
 * area's; every class it uses is defined; every class defined is used.
 */

const WEB = path.resolve(import.meta.dirname, '..');
const SHEETS = path.join(WEB, 'styles');

interface Rule {
  sheet: string;
  selector: string;
  /** The @media (or other at-rule) it sits in, '' at the top. */
  context: string;
}

/** The rules of a sheet: comments dropped, at-rules' prelude kept as the rules' context. */
function rulesOf(sheet: string, css: string): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  const stack: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      const prelude = text.slice(start, i).trim();
      if (prelude.startsWith('@')) stack.push(prelude);
      else {
        for (const selector of prelude.split(','))
          rules.push({ sheet, selector: selector.trim(), context: stack.join(' ') });
        stack.push('');
      }
      start = i + 1;
    } else if (c === '}') {
      stack.pop();
      start = i + 1;
    } else if (c === ';') start = i + 1;
  }
  return rules;
}

const classesIn = (selector: string) =>
  [...selector.replace(/\[[^\]]*\]/g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!);

const sheetFiles = readdirSync(SHEETS).filter((f) => f.endsWith('.css'));
const rules = sheetFiles.flatMap((f) => rulesOf(f.replace(/\.css$/, ''), readFileSync(path.join(SHEETS, f), 'utf8')));
/** Each class and the sheets that mention it. */
const mentions = new Map<string, Set<string>>();
for (const r of rules)
  for (const c of classesIn(r.selector)) mentions.set(c, (mentions.get(c) ?? new Set()).add(r.sheet));
/** The sheet a class belongs to: global if the global sheet has it (an area sheet may then only refine it). */
const owner = (c: string) => {
  const sheets = mentions.get(c) ?? new Set<string>();
  return sheets.has('global') ? 'global' : [...sheets][0];
};

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(path.join(dir, e.name)) : e.name.endsWith('.tsx') ? [path.join(dir, e.name)] : [],
  );
}

/**
 * The classes a file names in its `className` attributes: each word of a string, and of a template's fixed parts
 * (`verdict-${status}` reads as the pattern `verdict-*`).
 */
function usedClasses(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  const collect = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(...words(node.text));
    else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      found.push(...words(parts.join('*')));
      // A span standing alone between spaces holds whole classes (`badge ${ok ? 'badge-ok' : 'badge-warn'}`);
      // one glued to text (`verdict-${status}`) a part of one, which the pattern above stands for.
      node.templateSpans.forEach((span, i) => {
        const before = i === 0 ? node.head.text : node.templateSpans[i - 1]!.literal.text;
        if (/(^|\s)$/.test(before) && /^(\s|$)/.test(span.literal.text)) collect(span.expression);
      });
    } else if (ts.isConditionalExpression(node)) [node.whenTrue, node.whenFalse].forEach(collect);
    else if (ts.isBinaryExpression(node))
      // `a && 'x'` names 'x'; `a ?? 'x'` and `a || 'x'` name both sides; a comparison names nothing.
      (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
        ? [node.right]
        : [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)
          ? [node.left, node.right]
          : []
      ).forEach(collect);
    else if (ts.isJsxExpression(node) || ts.isParenthesizedExpression(node) || ts.isArrayLiteralExpression(node))
      ts.forEachChild(node, collect);
    // `[…].join(' ')`, `[…].filter(Boolean).join(' ')`: the array's strings.
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression))
      collect(node.expression.expression);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxAttribute(node) && node.name.getText() === 'className' && node.initializer) collect(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((w) => w !== '*');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

function stringWords(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/'([\w -]+)'|"([\w -]+)"/g)].flatMap((m) =>
    (m[1] ?? m[2]!).split(' '),
  );
}

/** `pages/<area>/…` → the area; anything else (components, App) → global. */
const areaOf = (file: string) => {
  const rel = path.relative(WEB, file).split(path.sep);
  return rel[0] === 'pages' ? rel[1]! : 'global';
};
const matches = (pattern: string, c: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\w-]*')}$`).test(c);

const uses = tsxFiles(WEB).map((file) => ({ file, area: areaOf(file), classes: usedClasses(file) }));

describe('stylesheets: one sheet per area, a class in one sheet only', () => {
  it('loads the sheets in main.tsx only (a component importing a sheet of its own escapes this test)', () => {
    const elsewhere = sourceFiles(WEB)
      .filter((f) => path.basename(f) !== 'main.tsx')
      .filter((f) => /^import\s+['"][^'"]+\.css['"]/m.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(WEB, f));
    expect(elsewhere).toEqual([]);
  });

  it('has a global sheet and one per area of src/web/pages', () => {
    const areas = readdirSync(path.join(WEB, 'pages'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(sheetFiles.sort()).toEqual(['global.css', ...areas.map((a) => `${a}.css`)].sort());
  });

  it('mentions an area class in its own sheet only', () => {
    const shared = [...mentions]
      .filter(([, s]) => !s.has('global') && s.size > 1)
      .map(([c, s]) => `.${c}: ${[...s].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it("scopes every rule of an area sheet by one of the area's classes", () => {
    const loose = rules
      .filter((r) => r.sheet !== 'global' && !classesIn(r.selector).some((c) => owner(c) === r.sheet))
      .map((r) => `${r.sheet}.css: ${r.selector}`);
    expect(loose).toEqual([]);
  });

  it('writes no selector twice (within the same @media)', () => {
    const seen = new Map<string, number>();
    for (const r of rules) {
      const key = `${r.sheet}.css ${r.context} ${r.selector.replace(/\s+/g, ' ')}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });

  it("uses, in each component, only classes defined in the global sheet or its area's", () => {
    const wrong = uses.flatMap(({ file, area, classes }) =>
      classes
        .filter((c) => {
          const sheets = [...mentions.keys()].filter((d) => matches(c, d)).map(owner);
          return !sheets.some((s) => s === 'global' || s === area);
        })
        .map((c) => `${path.relative(WEB, file)}: .${c}`),
    );
    expect(wrong).toEqual([]);
  });

  it('defines no class that no component uses', () => {
    // Used: named in a className, or a word of any string of the web app (a map of badge classes, say).
    const all = [...uses.flatMap((u) => u.classes), ...sourceFiles(WEB).flatMap(stringWords)];
    const unused = [...mentions.keys()].filter((c) => !all.some((u) => matches(u, c)));
    expect(unused).toEqual([]);
  });
});
