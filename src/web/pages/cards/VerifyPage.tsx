import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { CardVerification } from '../../../shared/cards';
import { get, post } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import { FormError } from '../../components/Field';
import { useSession } from '../../session';
import { CardNumberForm } from './CardNumberForm';
import { CardVerdict } from './CardVerdict';

/**
 * `/verifier` and `/verifier/<card number>`: public. The QR code's statement arrives as the address's fragment,
 * which the browser never sends; the page posts it in a body, so it reaches no request log.
 */
export function VerifyPage() {
  const { t } = useTranslation('cards');
  const { cardNumber } = useParams();
  const { hash } = useLocation();
  // A POST carries the CSRF token /api/session hands out: wait for it on a first visit (a scanned QR code).
  const { loaded } = useSession();
  const [result, setResult] = useState<CardVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!cardNumber || !loaded) return;
    let live = true;
    setLoading(true);
    setResult(null);
    setError(null);
    const url = `/api/verify/${encodeURIComponent(cardNumber)}`;
    const statement = hash.length > 1 ? hash.slice(1) : null;
    (statement ? post<CardVerification>(url, { statement }) : get<CardVerification>(url))
      .then((r) => live && setResult(r))
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [cardNumber, hash, loaded]);

  return (
    <div className="narrow">
      <h1>{t('verify.title')}</h1>
      {!cardNumber && <p>{t('verify.intro')}</p>}
      {cardNumber && loading && <p aria-busy="true">{t('verify.checking')}</p>}
      <FormError error={error} />
      {result && <CardVerdict v={result} />}
      {(!cardNumber || error) && <CardNumberForm key={cardNumber ?? ''} initial={cardNumber ?? ''} />}
      {result && (
        <p>
          <Link to="/verifier">{t('verify.another')}</Link>
        </p>
      )}
      <p className="hint verify-key">
        {t('verify.offline')} <a href="/.well-known/vigie-card-key.pem">/.well-known/vigie-card-key.pem</a>
      </p>
    </div>
  );
}
