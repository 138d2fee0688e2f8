import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { Link } from 'react-router';
import type { AdminCard } from '../../../shared/cards';
import { CardStatusBadge } from '../cards/StatusBadge';
import { formatDay, formatInstantDay } from '../cards/format';

/** The cards of the chosen filter: number, holder, training, status and counts, « Réimprimer » and « Révoquer ». */
export function CardsTable({
  cards,
  selecting,
  selectable,
  selected,
  onSelect,
  onReissue,
  onRevoke,
}: {
  cards: AdminCard[];
  /** The print queue: a box to tick on each printable card. */
  selecting: boolean;
  selectable: AdminCard[];
  selected: Set<string>;
  onSelect: (selected: Set<string>) => void;
  onReissue: (cardNumber: string) => void;
  onRevoke: (cardNumber: string) => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const allSelected = selectable.length > 0 && selectable.every((c) => selected.has(c.cardNumber));
  const toggle = (n: string) => {
    const next = new Set(selected);
    if (next.has(n)) next.delete(n);
    else next.add(n);
    onSelect(next);
  };
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {selecting && (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('cards.selectAll')}
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={() => onSelect(allSelected ? new Set() : new Set(selectable.map((c) => c.cardNumber)))}
                />
              </th>
            )}
            <th scope="col">{t('cards.columns.number')}</th>
            <th scope="col">{t('cards.columns.holder')}</th>
            <th scope="col">{t('cards.columns.training')}</th>
            <th scope="col">{t('cards.columns.success')}</th>
            <th scope="col">{t('cards.columns.status')}</th>
            <th scope="col">{t('cards.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((c) => (
            <tr key={c.cardNumber}>
              {selecting && (
                <td>
                  {c.printable && (
                    <input
                      type="checkbox"
                      aria-label={t('cards.select', { n: c.cardNumber })}
                      checked={selected.has(c.cardNumber)}
                      onChange={() => toggle(c.cardNumber)}
                    />
                  )}
                </td>
              )}
              <td className="card-number">
                <Link to={`/verifier/${c.cardNumber}`}>{c.cardNumber}</Link>
              </td>
              <td>
                {c.holderName}
                <br />
                <span className="muted nowrap">{c.userCode}</span>
              </td>
              <td>
                {localized(c.trainingTitle, lang)}
                <br />
                <span className="muted">
                  {c.trainingCode} · {c.servicePointName}
                </span>
              </td>
              <td className="nowrap">{formatDay(c.successDate, lang)}</td>
              <td>
                <CardStatusBadge status={c.status} />
                {c.reprintCount > 0 && <div className="muted small">{t('cards.reprint', { n: c.reprintCount })}</div>}
                {c.printedAt && (
                  <div className="muted small">{t('cards.printed', { date: formatInstantDay(c.printedAt, lang) })}</div>
                )}
                {c.needsPhoto && c.status !== 'awaiting_photo' && (
                  <div className="muted small">{t('cards.notPrintable')}</div>
                )}
                {c.revokedReason && <div className="muted small">« {c.revokedReason} »</div>}
                <div className="muted small">
                  {t('cards.counts', { downloads: c.downloadCount, verifications: c.verifyCount })}
                </div>
              </td>
              <td className="row-actions">
                {c.status !== 'revoked' && c.status !== 'awaiting_photo' && c.printedAt && (
                  <button type="button" className="button small" onClick={() => onReissue(c.cardNumber)}>
                    {t('cards.reissue')}
                  </button>
                )}
                {c.status !== 'revoked' && (
                  <button type="button" className="button small danger-outline" onClick={() => onRevoke(c.cardNumber)}>
                    {t('cards.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
