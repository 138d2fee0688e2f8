import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { useAction } from '../../hooks/useAction';

/** « Révoquer »: the card is no longer valid; the reason is kept and shown to the holder. */
export function RevokeDialog({
  cardNumber,
  onConfirm,
  onClose,
}: {
  cardNumber: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const [reason, setReason] = useState('');
  const { run, busy, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => onConfirm(reason));
  };
  return (
    <Modal labelledBy="revoke-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="revoke-title">{t('cards.revokeTitle', { n: cardNumber })}</h2>
        <p>{t('cards.revokeText')}</p>
        <FormError error={error} />
        <div className="field">
          <label htmlFor="revoke-reason">{t('cards.reason')}</label>
          <textarea
            id="revoke-reason"
            rows={3}
            required
            minLength={5}
            maxLength={500}
            aria-describedby="revoke-reason-hint"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <p className="hint" id="revoke-reason-hint">
            {t('cards.reasonHint')}
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {common('cancel')}
          </button>
          <button type="submit" className="button danger" disabled={busy || reason.trim().length < 5}>
            {t('cards.confirmRevoke')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
