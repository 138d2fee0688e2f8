import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { SeparateRoomNotice } from './SeparateRoomNotice';
import type { AuthorizeReply, LearnerFileReply } from '../../../shared/api/desk';

/** « Autoriser l'examen » and, until the learner starts, « Annuler l'accès à l'examen ». */
export function AuthorizePanel({ file, onChange }: { file: LearnerFileReply; onChange: () => void }) {
  const { t, i18n } = useTranslation('desk');
  const title = (text: LearnerFileReply['authorizable'][number]['title']) => localized(text, i18n.language);
  // Nothing chosen for the operator, unless there is only one exam (a wrong default is worse than a click).
  const only = (list: LearnerFileReply['authorizable']) => (list.length === 1 ? list[0]!.examId : '');
  const [examId, setExamId] = useState(only(file.authorizable));
  const [workstationId, setWorkstationId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<LearnerFileReply['attempts'][number] | null>(null);
  const { run, busy, error, setError } = useAction();
  useEffect(() => {
    if (!file.authorizable.some((a) => a.examId === examId)) setExamId(only(file.authorizable));
  }, [file.authorizable, examId]);

  const authorize = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (!examId || !workstationId) {
      setError(t(examId ? 'file.chooseWorkstation' : 'file.chooseExam'));
      return;
    }
    void run(async () => {
      await post<AuthorizeReply>(`/api/desk/learners/${file.learner.id}/authorizations`, { examId, workstationId });
      setNotice(
        t('file.authorized', { workstation: file.workstations.find((w) => w.id === workstationId)?.name ?? '' }),
      );
      onChange();
    });
  };
  const cancel = async () => {
    if (!cancelling) return;
    await run(async () => {
      await post(`/api/desk/attempts/${cancelling.id}/cancel`);
      setNotice(null);
      onChange();
    });
    setCancelling(null);
  };
  const open = file.attempts.filter((a) => a.state === 'authorized');
  return (
    <section className="card" aria-labelledby="authorize-title">
      <h2 id="authorize-title">{t('file.authorize')}</h2>
      <FormError error={error} />
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {open.map((a) => (
        <div key={a.id} className="open-authorization">
          <p>
            <span className="badge badge-warn">{t('file.state.authorized')}</span> {title(a.examTitle)} —{' '}
            {a.workstation}
          </p>
          <button type="button" className="button danger" onClick={() => setCancelling(a)}>
            {t('file.cancelButton')}
          </button>
        </div>
      ))}
      {file.authorizable.length === 0 ? (
        open.length === 0 && <p className="hint">{t('file.nothingToAuthorize')}</p>
      ) : (
        <form onSubmit={authorize} className="authorize-form">
          {!file.readiness.identityConfirmed && (
            <p className="alert alert-warn">
              {t(file.readiness.identityConfirmedBefore ? 'file.needIdentityToday' : 'file.needIdentity')}
            </p>
          )}
          {file.readiness.identityConfirmed && !file.readiness.photoSaved && (
            <p className="alert alert-warn">{t('file.needPhoto')}</p>
          )}
          <SeparateRoomNotice accommodations={file.accommodations} />
          {/* Radio lists: a long exam title wraps instead of being cut, at any width. */}
          <fieldset className="authorize-choices">
            <legend>{t('file.exam')}</legend>
            {file.authorizable.map((a) => (
              <label key={a.examId} className="check">
                <input
                  type="radio"
                  name="exam-choice"
                  value={a.examId}
                  checked={examId === a.examId}
                  onChange={() => setExamId(a.examId)}
                />
                {a.retake ? t('file.retake', { title: title(a.title) }) : title(a.title)}
              </label>
            ))}
          </fieldset>
          <fieldset className="authorize-choices">
            <legend>{t('file.workstation')}</legend>
            {file.workstations.map((w) => (
              <label key={w.id} className="check">
                <input
                  type="radio"
                  name="workstation-choice"
                  value={w.id}
                  checked={workstationId === w.id}
                  onChange={() => setWorkstationId(w.id)}
                />
                {w.name} —{' '}
                {w.occupiedBy ? t('file.workstationTaken', { name: w.occupiedBy }) : t('file.workstationFree')}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button primary" disabled={busy}>
            {t('file.authorizeButton')}
          </button>
        </form>
      )}
      <ConfirmDialog
        open={!!cancelling}
        title={t('file.confirmCancel', { exam: cancelling ? title(cancelling.examTitle) : '' })}
        confirmLabel={t('file.cancelButton')}
        cancelLabel={t('common:back')}
        danger
        busy={busy}
        onConfirm={() => void cancel()}
        onCancel={() => setCancelling(null)}
      />
    </section>
  );
}
