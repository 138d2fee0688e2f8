import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfirmIdentityReply, IdentityReply } from '../../../../shared/api/desk';
import { ApiError, get, post } from '../../../api/client';
import { FormError } from '../../../components/Field';
import { formatDate, formatDateTime } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { IdentityForm, type Findings, type IdentityDraft } from './IdentityForm';

export interface PanelProps {
  learnerId: string;
  learner: { firstName: string; lastName: string };
  onChange?: () => void;
}

const noFindings: Findings = { errors: [], mismatch: null, warnings: [] };

/**
 * « Confirmation de l'identité »: the number of a driver's licence or a health-insurance card and the date
 * of birth printed on it. The server refuses what is impossible, asks for a written reason when the date
 * disagrees with a health number, and for an explicit confirmation when something is doubtful.
 * Afterwards only the type of card, the number's last two characters and who confirmed when are shown;
 * checking again means typing the number and the date of birth again.
 */
export function IdentityPanel({ learnerId, onChange }: PanelProps) {
  const { t, i18n } = useTranslation('identity');
  const titleId = useId();
  const url = `/api/desk/learners/${learnerId}/identity`;
  const [state, setState] = useState<IdentityReply | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<IdentityDraft>({
    documentType: 'licence',
    number: '',
    dateOfBirth: '',
    overrideReason: '',
    acknowledged: false,
  });
  const [findings, setFindings] = useState<Findings>(noFindings);
  const [sameAs, setSameAs] = useState<string | null>(null);
  const { run, busy, error, fail, setError } = useAction();

  const load = useCallback(async () => {
    try {
      const s = await get<IdentityReply>(url);
      setState(s);
      setEditing(!s.check);
    } catch (err) {
      fail(err);
    }
  }, [url, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Editing what was typed calls for a fresh verdict: earlier findings no longer apply. */
  const change = (patch: Partial<IdentityDraft>) => {
    const retyped = 'number' in patch || 'dateOfBirth' in patch || 'documentType' in patch;
    setDraft((d) => ({ ...d, ...patch, ...(retyped ? { acknowledged: false } : {}) }));
    if (retyped) setFindings(noFindings);
    setError(null);
  };

  /** The server's findings on what was typed, when it refuses it: shown beside the fields, not as an error. */
  const showFindings = (err: unknown): boolean => {
    if (!(err instanceof ApiError)) return false;
    const details = (err.details ?? {}) as Partial<{
      errors: Findings['errors'];
      mismatch: Findings['mismatch'];
      warnings: Findings['warnings'];
    }>;
    if (err.code === 'identity_invalid')
      setFindings({ errors: details.errors ?? [], mismatch: findings.mismatch, warnings: [] });
    else if (err.code === 'identity_override_required')
      setFindings({ errors: [], mismatch: details.mismatch ?? null, warnings: details.warnings ?? [] });
    else if (err.code === 'identity_warnings')
      setFindings({ errors: [], mismatch: findings.mismatch, warnings: details.warnings ?? [] });
    else return false;
    return true;
  };

  const confirm = async () => {
    const res = await post<ConfirmIdentityReply>(url, {
      documentType: draft.documentType,
      number: draft.number,
      dateOfBirth: draft.dateOfBirth,
      overrideReason: findings.mismatch ? draft.overrideReason : undefined,
      acknowledgeWarnings: draft.acknowledged,
    });
    setState({ check: res.check, confirmedToday: true });
    setSameAs(res.sameNumberAs?.checkedAt ?? null);
    setEditing(false);
    setFindings(noFindings);
    setDraft({
      documentType: draft.documentType,
      number: '',
      dateOfBirth: '',
      overrideReason: '',
      acknowledged: false,
    });
    onChange?.();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (findings.warnings.length > 0 && !draft.acknowledged) {
      setError(t('acknowledgeRequired'));
      return;
    }
    void run(async () => {
      try {
        await confirm();
      } catch (err) {
        if (!showFindings(err)) throw err;
      }
    });
  };

  const check = state?.check;
  return (
    <section className="card identity-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('title')}</h2>
      <div className="identity-layout">
        <div>
          {check && !editing && (
            <div className="identity-summary" data-testid="identity-summary">
              <p>
                <span className="badge badge-ok">{t('confirmed')}</span>
                {check.overrideReason && <span className="badge badge-warn">{t('overridden')}</span>}
              </p>
              <dl className="identity-facts">
                <dt>{t(check.documentType)}</dt>
                <dd className="mono" aria-label={t('lastTwo', { chars: check.masked.slice(-2) })}>
                  {check.masked}
                </dd>
              </dl>
              {check.overrideReason && <p className="hint">{t('overrideGiven', { reason: check.overrideReason })}</p>}
              {check.warnings.length > 0 && (
                <p className="hint">
                  {t('warningsKept')} {check.warnings.map((w) => w.label).join(' · ')}
                </p>
              )}
              <p className="hint">
                {t('confirmedAt', {
                  date: formatDateTime(check.checkedAt, i18n.language),
                  name: check.checkedBy.name,
                  servicePoint: check.servicePoint.name,
                })}
              </p>
              {sameAs && (
                <p className="alert alert-ok" role="status">
                  {t('sameNumber', { date: formatDate(sameAs, i18n.language) })}
                </p>
              )}
              {!state.confirmedToday && <p className="alert alert-warn">{t('notToday')}</p>}
              <button type="button" className="button" onClick={() => (setEditing(true), setSameAs(null))}>
                {t('again')}
              </button>
            </div>
          )}
          {state && editing && (
            <IdentityForm
              draft={draft}
              findings={findings}
              busy={busy}
              error={error}
              onChange={change}
              onSubmit={submit}
              onCancel={check ? () => (setEditing(false), setFindings(noFindings), setError(null)) : undefined}
            />
          )}
          {!editing && <FormError error={error} />}
        </div>
        {/* What is checked and kept: beside the form; a confirmed identity needs the room for the rest of the file. */}
        {(!check || editing) && (
          <aside className="identity-notes">
            <h3>{t('checkedTitle')}</h3>
            <ul>
              {(t('checked', { returnObjects: true }) as string[]).map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <h3>{t('keptTitle')}</h3>
            <p>{t('kept')}</p>
          </aside>
        )}
      </div>
    </section>
  );
}
