import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LearnerCard } from '../../../shared/cards';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { CardStatusBadge } from './StatusBadge';
import { downloadFile, formatDay, formatInstantDay } from './format';
import { localized } from '../../i18n/localized';

/** One attestation card of the learner: its facts, its status, « Télécharger » and the verification page. */
export function CardItem({ card }: { card: LearnerCard }) {
  const { t, i18n } = useTranslation('cards');
  const lang = i18n.language;
  const { run, busy, error } = useAction();
  const title = localized(card.trainingTitle, lang);
  const download = () =>
    run(() => downloadFile(`/api/learning/cards/${card.cardNumber}.pdf`, `carte-${card.cardNumber}.pdf`));
  return (
    <li className="card" aria-labelledby={`card-${card.cardNumber}`}>
      <div className="attestation-head">
        <h2 id={`card-${card.cardNumber}`}>{title}</h2>
        <CardStatusBadge status={card.status} />
      </div>
      <dl className="facts">
        <dt>{t('field.cardNumber')}</dt>
        <dd className="card-number">{card.cardNumber}</dd>
        <dt>{t('field.successDate')}</dt>
        <dd>{formatDay(card.successDate, lang)}</dd>
        <dt>{t('field.expiresOn')}</dt>
        <dd>{card.expiresOn ? formatDay(card.expiresOn, lang) : t('field.noExpiry')}</dd>
        <dt>{t('field.servicePoint')}</dt>
        <dd>{card.servicePointName}</dd>
        {card.reprintCount > 0 && (
          <>
            <dt />
            <dd className="muted">{t('field.reprint', { n: card.reprintCount })}</dd>
          </>
        )}
      </dl>
      {card.status === 'awaiting_photo' && <p className="alert alert-warn">{t('mine.awaitingPhoto')}</p>}
      {card.status !== 'awaiting_photo' && card.status !== 'revoked' && card.needsPhoto && (
        <p className="alert alert-warn">{t('mine.photoMissing')}</p>
      )}
      {card.status === 'revoked' && card.revokedAt && (
        <p className="alert alert-error">
          {t('mine.revoked', { date: formatInstantDay(card.revokedAt, lang), reason: card.revokedReason ?? '' })}
        </p>
      )}
      <FormError error={error} />
      <div className="actions">
        {card.downloadable && (
          <button type="button" className="button primary" disabled={busy} onClick={() => void download()}>
            {busy ? t('mine.downloading') : t('mine.download')}
          </button>
        )}
        {card.status !== 'awaiting_photo' && (
          <Link className="button" to={`/verifier/${card.cardNumber}`}>
            {t('mine.verifyPage')}
          </Link>
        )}
      </div>
    </li>
  );
}
