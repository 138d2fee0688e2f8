import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npm run vigie -- …` as a shell runs it, on its own SQLite database. */
function vigie(dataDir: string, args: string[]) {
  const r = spawnSync(path.resolve('node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', DATA_DIR: dataDir, DEMO: '0' },
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const GOOD = `format: vigie-exam/1
code: EX-CLI
title: Examen CLI
duration_minutes: 10
passing_mark: 70
items:
  - id: q1
    type: single
    stem: Couleur du panneau d’arrêt ?
    choices:
      - { id: a, text: Rouge }
      - { id: b, text: Vert }
    correct: a
`;

/** A billion laughs: each alias repeats the one before ten times. */
function aliasBomb(): string {
  const lines = ['format: vigie-exam/1', 'code: EX-BOMB', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  lines.push('title: *a8');
  return `${lines.join('\n')}\n`;
}

/** Issue 14: hostile files given to `exam import` are reported as problems, never as a stack trace. */
describe('exam import on the command line, with hostile files', () => {
  let dir: string;
  let dataDir: string;
  let qti: Record<string, Uint8Array>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-import-'));
    dataDir = path.join(dir, 'data');
    writeFileSync(path.join(dir, 'good.yaml'), GOOD);
    expect(vigie(dataDir, ['exam', 'import', path.join(dir, 'good.yaml')]).status).toBe(0);
    const zip = path.join(dir, 'good.zip');
    expect(vigie(dataDir, ['exam', 'export', 'EX-CLI', '--format', 'qti3', '--out', zip]).status).toBe(0);
    qti = unzipSync(readFileSync(zip));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function packageWith(name: string, edit: (files: Record<string, string>) => void) {
    const files = Object.fromEntries(Object.entries(qti).map(([k, v]) => [k, strFromU8(v)]));
    edit(files);
    const file = path.join(dir, name);
    writeFileSync(file, zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));
    return file;
  }

  const cases: Array<[string, () => string, RegExp]> = [
    [
      'a YAML alias bomb',
      () => {
        const file = path.join(dir, 'bomb.yaml');
        writeFileSync(file, aliasBomb());
        return file;
      },
      /alias/i,
    ],
    [
      'deeply nested XML',
      () =>
        packageWith('deep.zip', (f) => {
          const item = Object.keys(f).find((k) => k.startsWith('items/'))!;
          f[item] = f[item]!.replace(
            /(<qti-item-body[^>]*>)/,
            `$1${'<div>'.repeat(100_000)}${'</div>'.repeat(100_000)}`,
          );
        }),
      /imbriqu|nest/i,
    ],
    [
      'a malformed % in a file reference',
      () =>
        packageWith('percent.zip', (f) => {
          f['imsmanifest.xml'] = f['imsmanifest.xml']!.replaceAll('href="items/q1.xml"', 'href="items/q1%E0%A4%A.xml"');
        }),
      /%/,
    ],
  ];

  it.each(cases)('%s: « N problème(s), rien n’a été importé », no stack trace, exit code 1', (_name, make, said) => {
    const r = vigie(dataDir, ['exam', 'import', make()]);
    const all = r.out + r.err;
    expect(r.status).toBe(1);
    expect(all).toMatch(/\d+ problème\(s\), rien n’a été importé/);
    expect(all).toMatch(/\d+ problem\(s\), nothing imported/);
    expect(all.indexOf('problème(s)')).toBeLessThan(all.indexOf('problem(s)')); // French first
    expect(all).toMatch(said);
    expect(all).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(all).not.toMatch(/Error:.*\n\s+at /);
    expect(vigie(dataDir, ['exam', 'list']).out).not.toContain('EX-BOMB');
  });

  it('--passing-mark 0 is refused (an empty paper would pass), in French and in English', () => {
    const r = vigie(dataDir, ['exam', 'import', packageWith('zero.zip', () => {}), '--passing-mark', '0']);
    const all = r.out + r.err;
    expect(r.status).toBe(1);
    expect(all).toContain('de 1 à 100');
    expect(all).toContain('from 1 to 100');
  });

  it('a package without duration nor passing mark names the flags that give them, in French and in English', () => {
    const file = packageWith('sans-reglages.zip', (f) => {
      const test = Object.keys(f).find((k) => /assessment|test/.test(k) && k !== 'imsmanifest.xml')!;
      f[test] = f[test]!.replace(/<qti-time-limits[^>]*\/>/, '').replace(
        /<qti-outcome-processing>[\s\S]*<\/qti-outcome-processing>/,
        '',
      );
    });
    const r = vigie(dataDir, ['exam', 'import', file]);
    expect(r.status).toBe(1);
    expect(r.err).toContain(
      'ne donne pas de durée (timeLimits maxTime) : indiquez-la en minutes avec --duration MINUTES.',
    );
    expect(r.err).toContain('gives no duration (timeLimits maxTime): give it in minutes with --duration MINUTES.');
    expect(r.err).toContain('indiquez-la en pourcentage avec --passing-mark POURCENT.');
    expect(r.err).toContain('give it as a percentage with --passing-mark PERCENT.');
    expect(r.err).not.toContain('Durée (minutes)');
  });

  it('an ordinary refused file lists its problems in French, then in English', () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, GOOD.replace('passing_mark: 70', 'passing_mark: 170'));
    const r = vigie(dataDir, ['exam', 'import', file]);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/1 problème\(s\), rien n’a été importé/);
    expect(r.err).toMatch(/1 problem\(s\), nothing imported/);
    expect(r.err).toContain('bad.yaml');
  });
});
