import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import type { IrregularityReply } from '../../../shared/api/desk';
import { localInstant } from '../../../shared/day-input';
import { IRREGULARITY_MAX_AGE_DAYS, irregularityCategories, mayDateIrregularity } from '../../../shared/desk-care';

/**
 * A day of a service point, on its clocks: where a manager reports from (its « Bilan de la journée »). The desk
 * names none: the operator reports about today, on this browser's clock (it stands at the service point).
 */
export interface ServicePointDay {
  servicePointId: string;
  day: string;
  timeZone: string;
}

/** The time now (HH:MM) on the clocks of `timeZone`, or of this browser. */
const nowHm = (timeZone?: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(),
  );

/** The instant the server takes: `hm` of the point's day, or of today on this browser's clock. */
function instantOf(hm: string, at: ServicePointDay | undefined): string | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(hm);
  if (!m) return undefined;
  if (at) return localInstant(at.day, hm, at.timeZone);
  const d = new Date();
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.toISOString();
}

/**
 * « Signaler une irrégularité » about a learner, or one of their attempts (`attemptId`): a category, a
 * description and the time (now, unless changed). It never changes a result. At the desk by default; from a
 * service point's administration when `at` names the point and the day (its manager). `about` names the
 * learner and the exam where a list holds several (on the button, for a screen reader, and in the dialog).
 */
export function IrregularityButton({
  learnerId,
  attemptId,
  at,
  about,
  onDone,
}: {
  learnerId: string;
  attemptId?: string;
  at?: ServicePointDay;
  about?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('care');
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [time, setTime] = useState(() => nowHm(at?.timeZone));
  const [reported, setReported] = useState(false);
  const { run, busy, error, setError } = useAction();
  const id = useId();
  const close = () => {
    setDescription('');
    setCategory('');
    setError(null);
    setOpen(false);
  };
  const learner = `learners/${encodeURIComponent(learnerId)}/irregularities`;
  const url = at
    ? `/api/admin/service-points/${encodeURIComponent(at.servicePointId)}/${learner}`
    : `/api/desk/${learner}`;
  const confirm = () => {
    const occurredAt = instantOf(time, at);
    // The server's rule, read first: a time out of it is said in words here, not as the server's 400.
    const now = new Date();
    if (occurredAt && !mayDateIrregularity(new Date(occurredAt), now))
      return setError(
        new Date(occurredAt) > now
          ? t('irregularities.future')
          : t('irregularities.reportWindow', { days: IRREGULARITY_MAX_AGE_DAYS }),
      );
    return run(async () => {
      await post<IrregularityReply>(url, {
        category,
        description,
        ...(attemptId ? { attemptId } : {}),
        ...(occurredAt ? { occurredAt } : {}),
      });
      close();
      setReported(true);
      onDone();
    });
  };
  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={about ? `${t('irregularities.report')} — ${about}` : undefined}
        onClick={(e) => {
          e.stopPropagation();
          setTime(nowHm(at?.timeZone));
          setReported(false);
          setOpen(true);
        }}
      >
        {t('irregularities.report')}
      </button>
      {reported && (
        <span className="hint" role="status">
          {t('irregularities.reported')}
        </span>
      )}
      <ConfirmDialog
        open={open}
        title={t('irregularities.report')}
        confirmLabel={t('irregularities.confirm')}
        cancelLabel={t('irregularities.cancel')}
        busy={busy || !category || description.trim().length < 3}
        onConfirm={() => void confirm()}
        onCancel={close}
      >
        {about && (
          <p>
            <strong>{about}</strong>
          </p>
        )}
        <p>{t('irregularities.dialogText')}</p>
        <FormError error={error} />
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('irregularities.category')}</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="" />
            {irregularityCategories.map((c) => (
              <option key={c} value={c}>
                {t(`irregularities.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t('irregularities.description')}</label>
          <textarea
            id={`${id}-description`}
            rows={3}
            minLength={3}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <Field label={t('irregularities.time')} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </ConfirmDialog>
    </>
  );
}
