import { useTranslation } from 'react-i18next';
import type { CardStatus } from '../../../shared/cards';

const tone: Record<CardStatus, string> = {
  valid: 'badge-ok',
  expired: 'badge-warn',
  revoked: 'badge-danger',
  awaiting_photo: 'badge-info',
};

export function CardStatusBadge({ status }: { status: CardStatus }) {
  const { t } = useTranslation('cards');
  return <span className={`badge ${tone[status]}`}>{t(`status.${status}`)}</span>;
}
