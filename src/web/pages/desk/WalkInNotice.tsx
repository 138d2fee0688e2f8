import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { useNavigate } from 'react-router';
import type { WalkInHint } from '../../../shared/catalog-admin';
import { get, post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

/**
 * What the desk says when « Liste des apprenants » finds nobody (issue 16): how many accounts match but are not
 * enrolled here (never who), and « Inscrire à une formation » where a training offered here allows it — the
 * operator types the user code or e-mail the person gives. Otherwise, who can enrol them.
 */
export function WalkInNotice({ q }: { q: string }) {
  const { t, i18n } = useTranslation('adminCatalog');
  const navigate = useNavigate();
  const [hint, setHint] = useState<WalkInHint | null>(null);
  const [open, setOpen] = useState(false);
  const [login, setLogin] = useState('');
  const [trainingId, setTrainingId] = useState('');
  const { run, busy, formError, fieldError } = useAction();

  useEffect(() => {
    setHint(null);
    if (!q.trim()) return;
    get<WalkInHint>(`/api/desk/walk-ins?q=${encodeURIComponent(q)}`).then(setHint, () => setHint(null));
  }, [q]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await post<{ learnerId: string }>('/api/desk/walk-ins', { login, trainingId });
      await navigate(`/point-de-service/apprenants/${r.learnerId}`);
    });
  };
  const title = (tr: WalkInHint['counterTrainings'][number]) => localized(tr.title, i18n.language);

  return (
    <div className="alert alert-warn walk-in" role="status">
      <p>
        {t('walkIn.none')}
        {hint && hint.accounts > 0 && (
          <>
            {' '}
            {hint.moreThan
              ? t('walkIn.moreThan', { count: hint.accounts - 1 })
              : t('walkIn.accounts', { count: hint.accounts })}
          </>
        )}
      </p>
      {hint && hint.accounts > 0 && hint.counterTrainings.length === 0 && <p>{t('walkIn.nobody')}</p>}
      {hint && hint.accounts > 0 && hint.counterTrainings.length > 0 && !open && (
        <button type="button" className="button primary" onClick={() => setOpen(true)}>
          {t('walkIn.enrol')}
        </button>
      )}
      {open && hint && (
        <form className="walk-in-form" onSubmit={submit} aria-label={t('walkIn.title')}>
          <Field
            label={t('walkIn.login')}
            hint={t('walkIn.loginHint')}
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            error={fieldError('login')}
            autoComplete="off"
            required
          />
          <div className="field">
            <label htmlFor="walk-in-training">{t('walkIn.training')}</label>
            <select id="walk-in-training" value={trainingId} onChange={(e) => setTrainingId(e.target.value)} required>
              <option value="">—</option>
              {hint.counterTrainings.map((tr) => (
                <option key={tr.id} value={tr.id}>
                  {title(tr)} ({tr.code})
                </option>
              ))}
            </select>
          </div>
          <FormError error={formError ?? fieldError('trainingId')} />
          <p>
            <button type="submit" className="button primary" disabled={busy || !login.trim() || !trainingId}>
              {t('walkIn.submit')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('cancel')}
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
