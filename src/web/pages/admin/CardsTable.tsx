import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { Link } from 'react-router';
import type { AdminCard } from '../../../shared/cards';
import { CardStatusBadge } from '../cards/StatusBadge';
import { formatDay, formatInstantDay } from '../cards/format';
import { AdminTable } from './list/AdminTable';

/** The cards of the chosen filter: number, holder, training, status and counts, « Réimprimer » and « Révoquer ». */
export function CardsTable({
  cards,
  loading,
  selecting,
  selectable,
  selected,
  onSelect,
  onReissue,
  onRevoke,
}: {
  cards: AdminCard[] | null;
  /** « … » while the cards load (not when an error says why there are none). */
  loading: boolean;
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
    <AdminTable
      rows={cards}
      label={t('cards.title')}
      empty={<p className="card">{t('cards.none')}</p>}
      loading={loading}
      rowKey={(c) => c.cardNumber}
      columns={[
        selecting && {
          label: t('cards.selectAll'),
          header: (
            <input
              type="checkbox"
              aria-label={t('cards.selectAll')}
              checked={allSelected}
              disabled={selectable.length === 0}
              onChange={() => onSelect(allSelected ? new Set() : new Set(selectable.map((c) => c.cardNumber)))}
            />
          ),
          cell: (c) =>
            c.printable && (
              <input
                type="checkbox"
                aria-label={t('cards.select', { n: c.cardNumber })}
                checked={selected.has(c.cardNumber)}
                onChange={() => toggle(c.cardNumber)}
              />
            ),
        },
        {
          label: t('cards.columns.number'),
          className: 'card-number',
          cell: (c) => <Link to={`/verifier/${c.cardNumber}`}>{c.cardNumber}</Link>,
        },
        {
          label: t('cards.columns.holder'),
          cell: (c) => (
            <>
              {c.holderName}
              <br />
              <span className="muted nowrap">{c.userCode}</span>
            </>
          ),
        },
        {
          label: t('cards.columns.training'),
          cell: (c) => (
            <>
              {localized(c.trainingTitle, lang)}
              <br />
              <span className="muted">
                {c.trainingCode} · {c.servicePointName}
              </span>
            </>
          ),
        },
        { label: t('cards.columns.success'), className: 'nowrap', cell: (c) => formatDay(c.successDate, lang) },
        {
          label: t('cards.columns.status'),
          cell: (c) => (
            <>
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
            </>
          ),
        },
        {
          label: t('cards.columns.actions'),
          className: 'row-actions',
          cell: (c) => (
            <>
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
            </>
          ),
        },
      ]}
    />
  );
}
