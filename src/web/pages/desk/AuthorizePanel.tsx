import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/Field';
import type { LearnerFile } from './learnerFile';

/** « Autoriser l'examen » and, until the learner starts, « Annuler l'accès à l'examen ». */
export function AuthorizePanel({ file, onChange }: { file: LearnerFile; onChange: () => void }) {
  const { t } = useTranslation('desk');
  const [examId, setExamId] = useState(file.authorizable[0]?.examId ?? '');
  const [workstationId, setWorkstationId] = useState(file.workstations[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<LearnerFile['attempts'][number] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!file.authorizable.some((a) => a.examId === examId)) setExamId(file.authorizable[0]?.examId ?? '');
  }, [file.authorizable, examId]);

  const authorize = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await post(`/api/desk/learners/${file.learner.id}/authorizations`, { examId, workstationId });
      setNotice(
        t('file.authorized', { workstation: file.workstations.find((w) => w.id === workstationId)?.name ?? '' }),
      );
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (!cancelling) return;
    setBusy(true);
    try {
      await post(`/api/desk/attempts/${cancelling.id}/cancel`);
      setNotice(null);
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
      setCancelling(null);
    }
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
            <span className="badge badge-warn">{t('file.state.authorized')}</span> {a.examTitle} — {a.workstation}
          </p>
          <button type="button" className="button danger" onClick={() => setCancelling(a)}>
            {t('file.cancelButton')}
          </button>
        </div>
      ))}
      {file.authorizable.length === 0 ? (
        open.length === 0 && <p className="hint">{t('file.nothingToAuthorize')}</p>
      ) : (
        <form onSubmit={(e) => void authorize(e)} className="authorize-form">
          {!file.readiness.identityConfirmed && (
            <p className="alert alert-warn">
              {t(file.readiness.identityConfirmedBefore ? 'file.needIdentityToday' : 'file.needIdentity')}
            </p>
          )}
          {file.readiness.identityConfirmed && !file.readiness.photoSaved && (
            <p className="alert alert-warn">{t('file.needPhoto')}</p>
          )}
          <div className="field">
            <label htmlFor="exam-choice">{t('file.exam')}</label>
            <select id="exam-choice" value={examId} onChange={(e) => setExamId(e.target.value)}>
              {file.authorizable.map((a) => (
                <option key={a.examId} value={a.examId}>
                  {a.retake ? t('file.retake', { title: a.title }) : a.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ws-choice-auth">{t('file.workstation')}</label>
            <select id="ws-choice-auth" value={workstationId} onChange={(e) => setWorkstationId(e.target.value)}>
              {file.workstations.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {t('file.authorizeButton')}
          </button>
        </form>
      )}
      <ConfirmDialog
        open={!!cancelling}
        title={t('file.confirmCancel', { exam: cancelling?.examTitle ?? '' })}
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
