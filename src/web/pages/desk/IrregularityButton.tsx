import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import type { IrregularityReply } from '../../../shared/api/desk';
import { irregularityCategories } from '../../../shared/desk-care';

const pad = (n: number) => String(n).padStart(2, '0');
const nowHm = () => {
  const d = new Date();
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Today at `hm` (the desk's clock: the browser stands at the service point), as the server takes it. */
function todayAt(hm: string): string | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(hm);
  if (!m) return undefined;
  const d = new Date();
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.toISOString();
}

/**
 * « Signaler une irrégularité » about a learner, or one of their attempts (`attemptId`): a category, a
 * description and the time (now, unless changed). It never changes a result.
 */
export function IrregularityButton({
  learnerId,
  attemptId,
  onDone,
}: {
  learnerId: string;
  attemptId?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('care');
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [time, setTime] = useState(nowHm);
  const [reported, setReported] = useState(false);
  const { run, busy, error, setError } = useAction();
  const id = useId();
  const close = () => {
    setDescription('');
    setCategory('');
    setError(null);
    setOpen(false);
  };
  const confirm = () =>
    run(async () => {
      await post<IrregularityReply>(`/api/desk/learners/${encodeURIComponent(learnerId)}/irregularities`, {
        category,
        description,
        ...(attemptId ? { attemptId } : {}),
        ...(todayAt(time) ? { occurredAt: todayAt(time) } : {}),
      });
      close();
      setReported(true);
      onDone();
    });
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={(e) => {
          e.stopPropagation();
          setTime(nowHm());
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
