import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useParams } from 'react-router';
import { Dialog } from './Dialog';
import { ExamHeader } from './ExamHeader';
import { IntroView } from './IntroView';
import { PausedClock, PauseOverlay } from './PauseOverlay';
import { ResultView } from './ResultView';
import { TakingView } from './TakingView';
import { useAttempt } from './useAttempt';

/**
 * `/examen/:attemptId`, the exam's focused view: no site menu, nothing to click away to. The intro and
 * « Commencer », then the questions against the server's countdown, then the result.
 */
export function ExamPage() {
  const { attemptId = '' } = useParams();
  const { t } = useTranslation('exam');
  const exam = useAttempt(attemptId);
  const { delivery } = exam;
  const running = delivery?.state === 'in_progress';
  // In-app navigation (the browser's back button) is held too while the exam runs.
  const blocker = useBlocker(running);
  const { setTimeUp } = exam;
  const onTimeUp = useCallback(() => setTimeUp(true), [setTimeUp]);
  // « Examen en pause »: the countdown stands at the pause's start until the operator resumes.
  const pausedAt = running ? (delivery.pausedAt ?? null) : null;
  const clock = useMemo(() => (pausedAt ? new PausedClock(Date.parse(pausedAt)) : exam.clock), [pausedAt, exam.clock]);
  // The workstation this page opened the exam on: another one named later means the operator moved the exam.
  const here = useRef<string | null>(null);
  if (delivery && here.current === null) here.current = delivery.workstation.name;
  const movedTo = delivery && here.current !== delivery.workstation.name ? delivery.workstation.name : null;

  let body;
  if (exam.error && !running) {
    body = (
      <div className="narrow">
        <p className="alert alert-error" role="alert">
          {exam.error}
        </p>
        <Link to="/compte">{t('backToAccount')}</Link>
      </div>
    );
  } else if (!delivery) {
    body = <p aria-busy="true">{t('loading')}</p>;
  } else if (delivery.result) {
    body = <ResultView delivery={delivery} result={delivery.result} />;
  } else if (delivery.state === 'authorized') {
    body = <IntroView delivery={delivery} onStart={exam.start} startWait={exam.startWait} />;
  } else if (running && delivery.items && delivery.deadlineAt) {
    body = (
      <TakingView
        delivery={{ ...delivery, items: delivery.items, deadlineAt: delivery.deadlineAt }}
        answers={exam.answers}
        status={exam.status}
        saveError={exam.saveError}
        clock={clock}
        timeUp={exam.timeUp}
        onTimeUp={onTimeUp}
        onChange={exam.change}
        onSubmit={exam.submit}
      />
    );
    // Moved elsewhere, this screen keeps saying where to go, also once the learner resumed there.
    if (pausedAt || movedTo)
      body = (
        <>
          {body}
          <PauseOverlay deadlineAt={delivery.deadlineAt} pausedAt={pausedAt} movedTo={movedTo} />
        </>
      );
  } else {
    body = <p aria-busy="true">{t('loading')}</p>;
  }

  return (
    <div className="exam-shell">
      <ExamHeader languageSwitch={!running}>
        {delivery && (
          <span className="exam-header-ws">
            {t('workstation', {
              workstation: delivery.workstation.name,
              servicePoint: delivery.workstation.servicePointName,
            })}
          </span>
        )}
      </ExamHeader>
      <main id="main" className="exam-main">
        {exam.error && running && (
          <p className="alert alert-error" role="alert">
            {exam.error}
          </p>
        )}
        {body}
      </main>
      <Dialog open={blocker.state === 'blocked'} title={t('leaveRunning.title')} onClose={() => blocker.reset?.()}>
        <p>{t('leaveRunning.text')}</p>
        <div className="dialog-actions">
          <button type="button" className="button primary" onClick={() => blocker.reset?.()}>
            {t('leaveRunning.stay')}
          </button>
          <button type="button" className="button" onClick={() => blocker.proceed?.()}>
            {t('leaveRunning.leave')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
