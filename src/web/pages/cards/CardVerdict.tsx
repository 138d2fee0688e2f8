import { useTranslation } from 'react-i18next';
import type { CardVerification } from '../../../shared/cards';
import { visibleText } from '../../../shared/visible-text';
import { formatDay } from './format';
import { localized } from '../../i18n/localized';

/** What the register says of the card (and of the QR code scanned, if any), and the facts to compare. */
export function CardVerdict({ v }: { v: CardVerification }) {
  const { t, i18n } = useTranslation('cards');
  const lang = i18n.language;
  // The server already strips them; a page must not trust that a name reads as it holds (« Ali\u202Eecnarf »).
  const title = visibleText(localized(v.trainingTitle, lang));
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
            {title} <span className="muted verdict-code">({visibleText(v.trainingCode)})</span>
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
