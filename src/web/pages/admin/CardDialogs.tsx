import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

/** A modal <dialog> opened as soon as it is rendered; Escape or « Annuler » closes it. */
function Modal({ labelledBy, onClose, children }: { labelledBy: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={labelledBy} onClose={onClose}>
      {children}
    </dialog>
  );
}

export function ReissueDialog({
  cardNumber,
  onConfirm,
  onClose,
}: {
  cardNumber: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { run, busy, error } = useAction();
  const confirm = () => void run(onConfirm);
  return (
    <Modal labelledBy="reissue-title" onClose={onClose}>
      <h2 id="reissue-title">{t('cards.reissueTitle', { n: cardNumber })}</h2>
      <p>{t('cards.reissueText')}</p>
      <FormError error={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {common('cancel')}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={confirm}>
          {t('cards.reissue')}
        </button>
      </div>
    </Modal>
  );
}

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
