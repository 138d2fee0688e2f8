import type { AttemptDelivery } from '../../../shared/attempt.js';
import type { AttemptPaper, Responses } from '../../../shared/exam.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import * as catalog from '../catalog/catalog.service.js';
import { examVersionRow } from '../catalog/exams.admin.js';
import { scorePaper } from '../catalog/scoring.js';
import { examRules } from './attempts.rules.js';
import { answerProblem, choiceIndex } from './answer-check.js';
import { deliverItems, drawPaper, paperChoiceIds, paperInOwnOrder } from './paper.js';

/**
 * What an administrator sees of an exam version before learners do (issue 16): every item as a paper delivers it,
 * with its key (the preview), and « Essayer l'examen »: a paper drawn as « Commencer » draws one, kept by the page
 * with its answers and scored by the scoring engine on « Terminer ». Nothing here writes: no attempt, no answer,
 * no audit row (nothing changes).
 */

/** The items in the exam's order, each choice in its own order, as delivered, with the correct choices. */
export async function previewVersion(ctx: AppContext, versionId: string) {
  const [version, { examId, code, row }] = await Promise.all([
    catalog.examVersion(ctx, versionId),
    examVersionRow(ctx, versionId),
  ]);
  const paper = paperInOwnOrder(version.content);
  const byId = new Map(version.content.items.map((i) => [i.id, i]));
  return {
    examId,
    code,
    version: { ...row, shuffleItems: version.shuffleItems, shuffleChoices: version.shuffleChoices },
    items: deliverItems(version.content, paper).map((item) => {
      const own = byId.get(item.id);
      const accepted = own?.entry?.accepted.map(String);
      return { ...item, correct: own?.correct ?? [], ...(accepted ? { accepted } : {}) };
    }),
  };
}

/** A trial paper: drawn, ordered and shuffled as a learner's would be; the page starts its own clock. */
export async function startTrial(ctx: AppContext, versionId: string) {
  const version = await catalog.examVersion(ctx, versionId);
  const paper = drawPaper(version.content, version);
  const now = ctx.now().toISOString();
  const delivery: AttemptDelivery = {
    id: `essai-${version.id}`,
    state: 'in_progress',
    title: version.title,
    durationMinutes: version.durationMinutes,
    passingMark: version.passingMark,
    questionCount: paper.items.length,
    rules: examRules(),
    workstation: { name: '—', servicePointName: '—' },
    serverNow: now,
    startedAt: null,
    deadlineAt: null,
    pausedAt: null,
    lastSeq: 0,
    items: deliverItems(version.content, paper),
    answers: {},
  };
  return { code: version.examCode, version: version.version, delivery, paper };
}

const invalid = (field: string) => new DomainError('validation', { field, params: { field } });

/**
 * « Terminer » of a trial: the paper the page was given and its answers, checked against the version (an item
 * or a choice it does not hold is a 400 naming it), scored by the same engine as an attempt.
 */
export async function scoreTrial(
  ctx: AppContext,
  versionId: string,
  body: { paper: AttemptPaper; responses: Responses; timeUp: boolean },
) {
  const version = await catalog.examVersion(ctx, versionId);
  const items = new Map(version.content.items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  for (const [n, p] of body.paper.items.entries()) {
    const item = items.get(p.id);
    const own = item ? paperChoiceIds(item) : [];
    if (!item || seen.has(p.id) || [...p.choiceOrder].sort().join('\u0000') !== own.join('\u0000'))
      throw invalid(`paper.items.${n}`);
    seen.add(p.id);
  }
  const index = choiceIndex(version.content, body.paper);
  for (const [itemId, choiceIds] of Object.entries(body.responses))
    if (answerProblem(index, itemId, choiceIds)) throw invalid(`responses.${itemId}`);
  const score = scorePaper(version.content, body.paper, body.responses, version.passingMark);
  return {
    result: {
      state: body.timeUp ? ('expired' as const) : ('submitted' as const),
      endedAt: ctx.now().toISOString(),
      scorePoints: score.points,
      maxPoints: score.maxPoints,
      percentage: score.percentage,
      outcome: score.outcome,
    },
  };
}
