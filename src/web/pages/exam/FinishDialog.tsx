import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../hooks/useAction';
import { Dialog } from './Dialog';

/** « Terminer »'s confirmation: the unanswered and flagged questions, then submitting. */
export function FinishDialog(props: {
  open: boolean;
  onClose: () => void;
  unanswered: number[];
  flagged: number[];
  onSubmit: () => Promise<'done' | 'pending'>;
}) {
  const { t } = useTranslation('exam');
  // onSubmit words its own failure on the page (useAttempt); run only keeps the button busy meanwhile.
  const { run, busy } = useAction();
  const [pending, setPending] = useState(false);
  const { unanswered, flagged } = props;
  const close = () => {
    setPending(false);
    props.onClose();
  };
  return (
    <Dialog open={props.open} title={t('finish.title')} onClose={close}>
      {unanswered.length === 0 ? (
        <p>{t('finish.allAnswered')}</p>
      ) : (
        <p className="alert alert-warn" data-testid="unanswered">
          {t('finish.unanswered', { count: unanswered.length, list: unanswered.join(', ') })}
        </p>
      )}
      {flagged.length > 0 && <p>{t('finish.flagged', { list: flagged.join(', ') })}</p>}
      <p>{t('finish.warning')}</p>
      {pending && (
        <p className="alert alert-error" role="alert">
          {t('finish.pending')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          {t('finish.cancel')}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              if ((await props.onSubmit()) === 'pending') setPending(true);
              else close();
            })
          }
        >
          {busy ? t('finish.submitting') : t('finish.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
