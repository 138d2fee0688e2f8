import { useTranslation } from 'react-i18next';
import type { QueueStatus } from './answerQueue';

/** Whether the answers are saved on the server, said politely to screen readers; a save error as an alert. */
export function SaveStatus({ status, error }: { status: QueueStatus; error: string | null }) {
  const { t } = useTranslation('exam');
  const text =
    status === 'offline'
      ? t('status.offline')
      : status === 'signedOut'
        ? t('status.signedOut')
        : status === 'saving'
          ? t('status.saving')
          : t('status.saved');
  return (
    <div className="save-status-wrap">
      <p className={`save-status save-${status}`} role="status" aria-live="polite" data-testid="save-status">
        {text}
      </p>
      {error && (
        <p className="save-status save-error" role="alert">
          {t('status.error', { message: error })}
        </p>
      )}
    </div>
  );
}
