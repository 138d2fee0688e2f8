import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExamTrial, ExamTrialScore } from '../../../shared/api/exams-admin';
import type { AttemptResult } from '../../../shared/attempt';
import { get, post } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ServerClock } from './serverClock';
import { isAnswered } from './answered';
import type { LocalAnswer } from './useAttempt';

/**
 * « Essayer l'examen »: the state of a trial of one exam version. The server draws the paper as « Commencer »
 * would and scores it on « Terminer » with the scoring engine; in between the answers stay here, never sent,
 * and the deadline is the page's own (on the server's clock): nothing of a trial is ever stored.
 */
export function useTrial(versionId: string) {
  const clock = useRef(new ServerClock()).current;
  const [trial, setTrial] = useState<ExamTrial | null>(null);
  const [deadlineAt, setDeadlineAt] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, LocalAnswer>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const [timeUp, setTimeUp] = useState(false);
  const { error, fail, run } = useAction();
  const url = `/api/admin/exam-versions/${encodeURIComponent(versionId)}/trial`;

  useEffect(() => {
    const sentAt = performance.now();
    get<ExamTrial>(url).then((t) => {
      clock.observe(t.delivery.serverNow, sentAt, performance.now());
      setTrial(t);
    }, fail);
  }, [url, clock, fail]);

  const start = useCallback(async () => {
    if (!trial) return;
    setDeadlineAt(new Date(clock.now() + trial.delivery.durationMinutes * 60_000).toISOString());
  }, [trial, clock]);

  const change = useCallback((itemId: string, choiceIds: string[], flagged: boolean) => {
    setAnswers((prev) => ({ ...prev, [itemId]: { choiceIds, flagged } }));
  }, []);

  const score = useCallback(
    async (expired: boolean) => {
      if (!trial) return;
      const responses = Object.fromEntries(
        Object.entries(answers)
          .filter(([, a]) => isAnswered(a))
          .map(([id, a]) => [id, a.choiceIds]),
      );
      const r = await post<ExamTrialScore>(`${url}/score`, { paper: trial.paper, responses, timeUp: expired });
      setResult(r.result);
    },
    [trial, answers, url],
  );

  /** « Terminer »: scored at once; a failure is said on the page and the trial goes on. */
  const submit = useCallback(async (): Promise<'done' | 'pending'> => {
    await run(() => score(false));
    return 'done';
  }, [run, score]);

  // The countdown reached zero: scored as an attempt closed by its deadline would be.
  useEffect(() => {
    if (timeUp && !result) void run(() => score(true));
  }, [timeUp, result, run, score]);

  return { trial, deadlineAt, answers, result, error, clock, timeUp, setTimeUp, start, change, submit };
}
