import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { CardVerification } from '../../../shared/cards';
import { visibleText } from '../../../shared/visible-text';
import { ApiError, get, post } from '../../api/client';
import { useSession } from '../../session';
import { Field, FormError } from '../../components/Field';
import { formatDay } from './format';

/** The number typed in the form: kept loose, the server reads it (dashes, spaces, lower case). */
function NumberForm({ initial }: { initial: string }) {
  const { t } = useTranslation('cards');
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = value.trim().toUpperCase().replace(/\s+/g, '-');
    if (n) void navigate(`/verifier/${encodeURIComponent(n)}`);
  };
  return (
    <form className="card verify-form" onSubmit={submit} role="search">
      <Field
        label={t('verify.number')}
        hint={t('verify.numberHint')}
        name="cardNumber"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button primary">
        {t('verify.submit')}
      </button>
    </form>
  );
}

function Verdict({ v }: { v: CardVerification }) {
  const { t, i18n } = useTranslation('cards');
  const lang = i18n.language;
  // The server already strips them; a page must not trust that a name reads as it holds (« Ali\u202Eecnarf »).
  const title = visibleText((lang === 'en' && v.trainingTitle.en) || v.trainingTitle.fr);
  // A scanned QR code that fails its check makes the card in hand suspect, whatever the register says.
  const suspect = v.statement === 'not_authentic' || v.statement === 'mismatch';
  return (
    <section className={`card verdict verdict-${suspect ? 'revoked' : v.status}`} aria-labelledby="verdict-title">
      <div className="verdict-head">
        <span className="verdict-icon" aria-hidden="true">
          {suspect ? '!' : v.status === 'valid' ? '✓' : v.status === 'expired' ? '!' : '✕'}
        </span>
        <div>
          <h2 id="verdict-title">{suspect ? t('verify.suspect') : t(`verify.${v.status}`)}</h2>
          {suspect ? (
            <p role="alert">{v.statement === 'mismatch' ? t('verify.qrMismatch') : t('verify.qrNotAuthentic')}</p>
          ) : (
            <p>{t(`verify.${v.status}Text`)}</p>
          )}
        </div>
      </div>
      {v.statement === 'authentic' && <p className="alert alert-ok">{t('verify.qrAuthentic')}</p>}
      {suspect && (
        <p className="alert alert-warn">
          {t('verify.register', { status: t(`status.${v.status}`).toLowerCase() })} {t('verify.compareAll')}
        </p>
      )}
      <div className="verdict-body">
        {v.photo && (
          <figure className="verdict-photo">
            <img src={v.photo} alt={t('verify.photo')} width={140} height={180} />
            <figcaption>{t('verify.photoNote')}</figcaption>
          </figure>
        )}
        <dl className="facts">
          <dt>{t('field.holder')}</dt>
          <dd className="facts-strong">{visibleText(v.holderName)}</dd>
          <dt>{t('field.training')}</dt>
          <dd>
            {title} <span className="muted">({visibleText(v.trainingCode)})</span>
          </dd>
          <dt>{t('field.successDate')}</dt>
          <dd>{formatDay(v.successDate, lang)}</dd>
          <dt>{t('field.expiresOn')}</dt>
          <dd>{v.expiresOn ? formatDay(v.expiresOn, lang) : t('field.noExpiry')}</dd>
          {v.revokedOn && (
            <>
              <dt>{t('field.revokedOn')}</dt>
              <dd>{formatDay(v.revokedOn, lang)}</dd>
            </>
          )}
          <dt>{t('field.cardNumber')}</dt>
          <dd className="card-number">{v.cardNumber}</dd>
        </dl>
      </div>
      <p className="hint">{t('verify.compare')}</p>
    </section>
  );
}

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
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err.message : String(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [cardNumber, hash, loaded]);

  return (
    <div className="narrow verify-page">
      <h1>{t('verify.title')}</h1>
      {!cardNumber && <p>{t('verify.intro')}</p>}
      {cardNumber && loading && <p aria-busy="true">{t('verify.checking')}</p>}
      <FormError error={error} />
      {result && <Verdict v={result} />}
      {(!cardNumber || error) && <NumberForm key={cardNumber ?? ''} initial={cardNumber ?? ''} />}
      {result && (
        <p>
          <Link to="/verifier">{t('verify.another')}</Link>
        </p>
      )}
      <p className="hint">
        {t('verify.offline')} <a href="/.well-known/vigie-card-key.pem">/.well-known/vigie-card-key.pem</a>
      </p>
    </div>
  );
}
