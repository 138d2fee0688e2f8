import type { AppContext } from '../../context.js';
import { isCleanText } from '../../../shared/text-input.js';
import { foldText } from '../../../shared/text.js';
import { parseUserCode } from '../accounts/user-code.js';
import * as adminRepo from './admin.repo.js';
import { inScope, type CatalogScope } from './admin-scope.js';
import { parseCsv } from './csv.js';
import { utf8Text } from './files.js';
import { q, type Said } from './import-problems.js';

/**
 * The one reader of enrolment files, for the command line (`enrol --csv`: two columns, the service point given
 * once) and « Inscriptions » in the browser (three columns: user code or e-mail, training code, service point).
 * It says, line by line, what importing would do, and writes nothing: the command line refuses the whole file
 * on any refused line; the browser shows every line first, then imports the accepted ones.
 */
export interface CheckedLine {
  line: number;
  cells: string[];
  /** Why the line is refused (each reason); absent when it would be enrolled. */
  refused?: Said[];
  enrolment?: {
    userId: string;
    login: string;
    userCode: string;
    name: string;
    trainingId: string;
    trainingCode: string;
    servicePointId: string;
    servicePointName: string;
  };
}

export interface CheckedFile {
  /** The file cannot be read at all (not UTF-8, no line): nothing else is said. */
  unreadable?: Said & { line?: number };
  lines: CheckedLine[];
}

const HEADER_USER =
  /^(utilisateur|nom d.utilisateur|code d.utilisateur|user|user ?name|username|user ?code|login|courriel|e-?mail|apprenant|learner)$/;
const HEADER_TRAINING = /^(formation|code|code de (la )?formation|training|training code)$/;
const HEADER_SERVICE_POINT = /^(point de service|service point|lieu|place)$/;

export interface CheckOptions {
  /** The command line's `--service-point`: then each line has two columns. */
  servicePoint?: { id: string; name: string };
  /** The browser requires the training to be offered at the service point (« Formations »). */
  requireOffered: boolean;
  scope: CatalogScope;
}

export async function checkEnrolmentFile(
  ctx: AppContext,
  content: string | Uint8Array,
  opts: CheckOptions,
): Promise<CheckedFile> {
  // A file's bytes must be UTF-8: read as such, a Latin-1 « Bélanger » became « B�langer », found nowhere.
  const text = typeof content === 'string' ? content : utf8Text(content);
  if (typeof text !== 'string') return { unreadable: { ...text.said, line: text.line }, lines: [] };
  const rows = parseCsv(text);
  const twoColumns = !!opts.servicePoint;
  const first = rows[0];
  if (
    first &&
    HEADER_USER.test(foldText(first.cells[0] ?? '')) &&
    HEADER_TRAINING.test(foldText(first.cells[1] ?? '')) &&
    (twoColumns || HEADER_SERVICE_POINT.test(foldText(first.cells[2] ?? '')))
  )
    rows.shift();
  if (rows.length === 0)
    return {
      unreadable: { fr: 'le fichier ne contient aucune inscription.', en: 'the file holds no enrolment.' },
      lines: [],
    };

  const width = twoColumns ? 2 : 3;
  const wellFormed = rows.filter((r) => shapeProblem(r.cells, width) === null);
  // Everything the lines name, read at once: a file of 10,000 lines is a few queries, not 30,000.
  const logins = [...new Set(wellFormed.map((r) => r.cells[0]!.toLowerCase()))];
  const codes = [...new Set(wellFormed.map((r) => parseUserCode(r.cells[0]!)).filter((c): c is string => !!c))];
  const accounts = await adminRepo.accountsByLogin(ctx.db, logins, codes);
  const trainings = new Map<string, { id: string; code: string }>();
  // By 500, as the accounts are read: 70,000 codes in one query passed both databases' limits of parameters.
  const codesNamed = [...new Set(wellFormed.map((r) => r.cells[1]!))];
  for (let i = 0; i < codesNamed.length; i += 500)
    for (const t of await adminRepo.trainingsByCode(ctx.db, codesNamed.slice(i, i + 500))) trainings.set(t.code, t);
  const servicePoints = (await adminRepo.allServicePoints(ctx.db)).filter((sp) => inScope(opts.scope, sp.id));
  const offered = new Set(
    (
      await adminRepo.offeringPairs(
        ctx.db,
        [...trainings.values()].map((t) => t.id),
      )
    ).map((o) => `${o.training_id} ${o.service_point_id}`),
  );
  const enrolled = new Set(
    (await adminRepo.existingEnrolments(ctx.db, [...new Set(accounts.map((a) => a.id))])).map(
      (e) => `${e.user_id} ${e.training_id}`,
    ),
  );
  // Indexed once: a search of the list per line held the event loop 30 s on a file of 40,000 known accounts.
  const byLogin = new Map<string, (typeof accounts)[number]>();
  const byCode = new Map<string, (typeof accounts)[number]>();
  for (const a of accounts)
    for (const [map, key] of [
      [byLogin, a.username_lower],
      [byLogin, a.email_lower],
      [byCode, a.user_code],
    ] as const)
      // The first account of the list wins, as its search did.
      if (!map.has(key)) map.set(key, a);
  const accountOf = (login: string) => {
    const code = parseUserCode(login);
    return byLogin.get(login.toLowerCase()) ?? (code ? byCode.get(code) : undefined);
  };
  const servicePointNamed = (name: string) =>
    servicePoints.find((sp) => sp.name === name) ?? servicePoints.find((sp) => foldText(sp.name) === foldText(name));

  const seen = new Map<string, number>();
  const lines: CheckedLine[] = [];
  for (const { line, cells } of rows) {
    const refuse = (...said: Said[]) => lines.push({ line, cells, refused: said });
    const [login = '', code = '', spName = ''] = cells;
    const shape = shapeProblem(cells, width);
    if (shape === 'control') {
      refuse({
        fr: 'la ligne contient un caractère de contrôle (invisible) : retirez-le du fichier.',
        en: 'the line holds a control (invisible) character: remove it from the file.',
      });
      continue;
    }
    if (shape === 'columns') {
      refuse(
        twoColumns
          ? {
              fr: `deux colonnes attendues : nom d’utilisateur ou courriel, code de formation (lu : ${q(cells.join(' | '))}).`,
              en: `two columns expected: user name or e-mail, training code (read: ${q(cells.join(' | '))}).`,
            }
          : {
              fr: `trois colonnes attendues : code d’utilisateur ou courriel, code de formation, point de service (lu : ${q(cells.join(' | '))}).`,
              en: `three columns expected: user code or e-mail, training code, service point (read: ${q(cells.join(' | '))}).`,
            },
      );
      continue;
    }
    const user = accountOf(login);
    const training = trainings.get(code);
    const sp = opts.servicePoint ?? servicePointNamed(spName);
    const problems: Said[] = [];
    if (!user)
      problems.push(
        twoColumns
          ? {
              fr: `aucun compte n’a le nom d’utilisateur ou le courriel ${q(login)}.`,
              en: `no account has the user name or e-mail ${q(login)}.`,
            }
          : {
              fr: `aucun compte n’a le code d’utilisateur, le nom d’utilisateur ou le courriel ${q(login)}.`,
              en: `no account has the user code, user name or e-mail ${q(login)}.`,
            },
      );
    if (!training)
      problems.push({ fr: `code de formation inconnu : ${q(code)}.`, en: `unknown training code: ${q(code)}.` });
    if (!sp)
      problems.push({ fr: `point de service inconnu : ${q(spName)}.`, en: `unknown service point: ${q(spName)}.` });
    if (problems.length) {
      refuse(...problems);
      continue;
    }
    const key = `${user!.id} ${training!.id}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      refuse({ fr: `même inscription qu’à la ligne ${earlier}.`, en: `same enrolment as on line ${earlier}.` });
      continue;
    }
    seen.set(key, line);
    if (enrolled.has(key)) {
      refuse({
        fr: `${q(user!.username)} est déjà inscrit à la formation ${q(training!.code)}.`,
        en: `${q(user!.username)} is already enrolled in the training ${q(training!.code)}.`,
      });
      continue;
    }
    if (opts.requireOffered && !offered.has(`${training!.id} ${sp!.id}`)) {
      refuse({
        fr: `la formation ${q(training!.code)} n’est pas offerte au point de service ${q(sp!.name)}.`,
        en: `the training ${q(training!.code)} is not offered at the service point ${q(sp!.name)}.`,
      });
      continue;
    }
    lines.push({
      line,
      cells,
      enrolment: {
        userId: user!.id,
        login: user!.username,
        userCode: user!.user_code,
        name: [user!.first_name, user!.last_name].filter(Boolean).join(' '),
        trainingId: training!.id,
        trainingCode: training!.code,
        servicePointId: sp!.id,
        servicePointName: sp!.name,
      },
    });
  }
  return { lines };
}

/**
 * What makes a line unreadable before anything is looked up: not `width` filled columns, or a cell holding a
 * control character (a NUL, which PostgreSQL refuses in any query, or another the text type refuses; a tab
 * or a line break inside quotes is kept: a file separated by tabs is then told it lacks columns).
 */
function shapeProblem(cells: readonly string[], width: number): 'columns' | 'control' | null {
  if (!cells.every((c) => isCleanText(c, true))) return 'control';
  if (cells.length < width || !cells.slice(0, width).every(Boolean) || cells.slice(width).some(Boolean))
    return 'columns';
  return null;
}
