import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { useAction } from '../../hooks/useAction';

/** « Réimprimer »: a new copy of a printed card goes back to the print queue. */
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
