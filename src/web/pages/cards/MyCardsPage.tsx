import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LearnerCard } from '../../../shared/cards';
import { ApiError, get } from '../../api/client';
import { FormError } from '../../components/Field';
import { CardStatusBadge } from './StatusBadge';
import { downloadFile, formatDay, formatInstantDay } from './format';

function CardItem({ card, onError }: { card: LearnerCard; onError: (m: string) => void }) {
  const { t, i18n } = useTranslation('cards');
  const lang = i18n.language;
  const [busy, setBusy] = useState(false);
  const title = (lang === 'en' && card.trainingTitle.en) || card.trainingTitle.fr;
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(`/api/learning/cards/${card.cardNumber}.pdf`, `carte-${card.cardNumber}.pdf`);
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card attestation" aria-labelledby={`card-${card.cardNumber}`}>
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

/** `/formations/attestations`: the learner's cards, each to download as a PDF. */
export function MyCardsPage() {
  const { t } = useTranslation('cards');
  const [cards, setCards] = useState<LearnerCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ cards: LearnerCard[] }>('/api/learning/cards')
      .then((r) => setCards(r.cards))
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : String(err)));
  }, []);
  return (
    <div className="narrow wide-narrow">
      <p className="breadcrumb">
        <Link to="/formations">← {t('mine.back')}</Link>
      </p>
      <h1>{t('mine.title')}</h1>
      <p>{t('mine.intro')}</p>
      <FormError error={error} />
      {cards === null && !error && <p aria-busy="true">…</p>}
      {cards?.length === 0 && <p className="card">{t('mine.none')}</p>}
      {cards && cards.length > 0 && (
        <ul className="attestations">
          {cards.map((c) => (
            <CardItem key={c.cardNumber} card={c} onError={setError} />
          ))}
        </ul>
      )}
    </div>
  );
}
