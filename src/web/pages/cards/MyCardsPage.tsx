import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyCardsReply } from '../../../shared/api/cards';
import { get } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import { FormError } from '../../components/Field';
import { CardItem } from './CardItem';

/** `/formations/attestations`: the learner's cards, each to download as a PDF. */
export function MyCardsPage() {
  const { t } = useTranslation('cards');
  const [cards, setCards] = useState<MyCardsReply['cards'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<MyCardsReply>('/api/learning/cards')
      .then((r) => setCards(r.cards))
      .catch((err: unknown) => setError(errorMessage(err)));
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
            <CardItem key={c.cardNumber} card={c} />
          ))}
        </ul>
      )}
    </div>
  );
}
