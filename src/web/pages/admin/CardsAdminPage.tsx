import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AdminCard, AdminCardFilter } from '../../../shared/cards';
import { get, post } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { CardStatusBadge } from '../cards/StatusBadge';
import { downloadFile, formatDay, formatInstantDay } from '../cards/format';
import { ReissueDialog, RevokeDialog } from './CardDialogs';

const FILTERS: AdminCardFilter[] = ['to_print', 'awaiting_photo', 'printed', 'revoked', 'all'];

/** `/administration/cartes`: the print queue (select, A4 PDF, mark printed), reissue and revoke. */
export function CardsAdminPage() {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as string[]).includes(params.get('filtre') ?? '')
    ? (params.get('filtre') as AdminCardFilter)
    : 'to_print';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [cards, setCards] = useState<AdminCard[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const { run, busy, error, fail } = useAction();
  const [dialog, setDialog] = useState<{ kind: 'reissue' | 'revoke'; cardNumber: string } | null>(null);

  const load = useCallback(async () => {
    const query = new URLSearchParams({ filter, ...(q ? { q } : {}) });
    try {
      const r = await get<{ cards: AdminCard[] }>(`/api/admin/cards?${query}`);
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
    setParams(q ? { filtre: f, q } : { filtre: f });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(search.trim() ? { filtre: filter, q: search.trim() } : { filtre: filter });
  };

  const selectable = filter === 'to_print' ? (cards ?? []).filter((c) => c.printable) : [];
  const toggle = (n: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(n)) next.delete(n);
      else next.add(n);
      return next;
    });
  const allSelected = selectable.length > 0 && selectable.every((c) => selected.has(c.cardNumber));
  const numbers = selectable.filter((c) => selected.has(c.cardNumber)).map((c) => c.cardNumber);

  const downloadSheet = () =>
    run(async () => {
      const day = new Date().toISOString().slice(0, 10);
      await downloadFile(`/api/admin/cards/sheet.pdf?cards=${numbers.join(',')}`, `cartes-a-imprimer-${day}.pdf`);
    });
  const markPrinted = () =>
    run(async () => {
      const r = await post<{ marked: string[] }>('/api/admin/cards/printed', { cardNumbers: numbers });
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
      <div className="toolbar">
        <div className="segmented" role="group" aria-label={t('cards.filters.label')}>
          {FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => choose(f)}>
              {t(`cards.filters.${f}`)}
            </button>
          ))}
        </div>
        <form className="inline-search" role="search" onSubmit={apply}>
          <label htmlFor="cards-search" className="visually-hidden">
            {t('cards.search')}
          </label>
          <input
            id="cards-search"
            type="search"
            placeholder={t('cards.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button type="submit" className="button">
            {t('cards.apply')}
          </button>
        </form>
      </div>
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
      {cards === null && !error && <p aria-busy="true">…</p>}
      {cards?.length === 0 && <p className="card">{t('cards.none')}</p>}
      {cards && cards.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {filter === 'to_print' && (
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('cards.selectAll')}
                      checked={allSelected}
                      disabled={selectable.length === 0}
                      onChange={() =>
                        setSelected(allSelected ? new Set() : new Set(selectable.map((c) => c.cardNumber)))
                      }
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
                  {filter === 'to_print' && (
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
                    {c.trainingTitle}
                    <br />
                    <span className="muted">
                      {c.trainingCode} · {c.servicePointName}
                    </span>
                  </td>
                  <td className="nowrap">{formatDay(c.successDate, lang)}</td>
                  <td>
                    <CardStatusBadge status={c.status} />
                    {c.reprintCount > 0 && (
                      <div className="muted small">{t('cards.reprint', { n: c.reprintCount })}</div>
                    )}
                    {c.printedAt && (
                      <div className="muted small">
                        {t('cards.printed', { date: formatInstantDay(c.printedAt, lang) })}
                      </div>
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
                      <button
                        type="button"
                        className="button small"
                        onClick={() => setDialog({ kind: 'reissue', cardNumber: c.cardNumber })}
                      >
                        {t('cards.reissue')}
                      </button>
                    )}
                    {c.status !== 'revoked' && (
                      <button
                        type="button"
                        className="button small danger-outline"
                        onClick={() => setDialog({ kind: 'revoke', cardNumber: c.cardNumber })}
                      >
                        {t('cards.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'reissue' && (
        <ReissueDialog
          cardNumber={dialog.cardNumber}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const r = await post<{ reprintCount: number }>(`/api/admin/cards/${dialog.cardNumber}/reissue`);
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
