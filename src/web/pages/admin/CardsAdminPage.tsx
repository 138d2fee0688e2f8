import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminCardsReply, MarkedReply, ReissueReply } from '../../../shared/api/cards';
import type { AdminCard, AdminCardFilter } from '../../../shared/cards';
import { get, post } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { downloadFile } from '../cards/format';
import { CardsTable } from './CardsTable';
import { CardsToolbar } from './CardsToolbar';
import { useListQuery } from './list/useListQuery';
import { ReissueDialog } from './ReissueDialog';
import { RevokeDialog } from './RevokeDialog';

const FILTERS: AdminCardFilter[] = ['to_print', 'awaiting_photo', 'printed', 'revoked', 'all'];

/** `/administration/cartes`: the print queue (select, A4 PDF, mark printed), reissue and revoke. */
export function CardsAdminPage() {
  const { t } = useTranslation('admin');
  const { params, q, change } = useListQuery();
  const filter = (FILTERS as string[]).includes(params.get('filtre') ?? '')
    ? (params.get('filtre') as AdminCardFilter)
    : 'to_print';
  const [cards, setCards] = useState<AdminCard[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const { run, busy, error, fail } = useAction();
  const [dialog, setDialog] = useState<{ kind: 'reissue' | 'revoke'; cardNumber: string } | null>(null);

  const load = useCallback(async () => {
    const query = new URLSearchParams({ filter, ...(q ? { q } : {}) });
    try {
      const r = await get<AdminCardsReply>(`/api/admin/cards?${query}`);
      setCards(r.cards);
      setSelected((s) => new Set([...s].filter((n) => r.cards.some((c) => c.cardNumber === n && c.printable))));
    } catch (err) {
      fail(err);
    }
  }, [filter, q, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const choose = (f: AdminCardFilter) => {
    setSelected(new Set());
    setNotice(null);
    change({ filtre: f });
  };
  const apply = (search: string) => change({ filtre: filter, q: search });

  const selectable = filter === 'to_print' ? (cards ?? []).filter((c) => c.printable) : [];
  const numbers = selectable.filter((c) => selected.has(c.cardNumber)).map((c) => c.cardNumber);

  const downloadSheet = () =>
    run(async () => {
      const day = new Date().toISOString().slice(0, 10);
      await downloadFile(`/api/admin/cards/sheet.pdf?cards=${numbers.join(',')}`, `cartes-a-imprimer-${day}.pdf`);
    });
  const markPrinted = () =>
    run(async () => {
      const r = await post<MarkedReply>('/api/admin/cards/printed', { cardNumbers: numbers });
      setNotice(t('cards.markedPrinted', { count: r.marked.length }));
      setSelected(new Set());
      await load();
    });

  return (
    <div>
      <p className="breadcrumb">
        <Link to="/administration">← {t('cards.back')}</Link>
      </p>
      <h1>{t('cards.title')}</h1>
      <CardsToolbar filters={FILTERS} filter={filter} onFilter={choose} q={q} onApply={apply} />
      <FormError error={error} />
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {filter === 'to_print' && (
        <div className="print-bar card">
          <span>{t('cards.selected', { count: numbers.length })}</span>
          <button
            type="button"
            className="button primary"
            disabled={busy || numbers.length === 0}
            onClick={() => void downloadSheet()}
          >
            {busy ? t('cards.downloading') : t('cards.downloadSheet')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || numbers.length === 0}
            onClick={() => void markPrinted()}
          >
            {t('cards.markPrinted')}
          </button>
          <p className="hint">{t('cards.sheetHint')}</p>
        </div>
      )}
      <CardsTable
        cards={cards}
        loading={!error}
        selecting={filter === 'to_print'}
        selectable={selectable}
        selected={selected}
        onSelect={setSelected}
        onReissue={(cardNumber) => setDialog({ kind: 'reissue', cardNumber })}
        onRevoke={(cardNumber) => setDialog({ kind: 'revoke', cardNumber })}
      />
      {dialog?.kind === 'reissue' && (
        <ReissueDialog
          cardNumber={dialog.cardNumber}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const r = await post<ReissueReply>(`/api/admin/cards/${dialog.cardNumber}/reissue`);
            setDialog(null);
            setNotice(t('cards.reissued', { n: dialog.cardNumber, count: r.reprintCount }));
            await load();
          }}
        />
      )}
      {dialog?.kind === 'revoke' && (
        <RevokeDialog
          cardNumber={dialog.cardNumber}
          onClose={() => setDialog(null)}
          onConfirm={async (reason) => {
            await post(`/api/admin/cards/${dialog.cardNumber}/revoke`, { reason });
            setDialog(null);
            setNotice(t('cards.revoked', { n: dialog.cardNumber }));
            await load();
          }}
        />
      )}
    </div>
  );
}
