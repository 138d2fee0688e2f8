import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { Link, useSearchParams } from 'react-router';
import type { LearnerListReply } from '../../../shared/api/desk';
import { get } from '../../api/client';
import { DeskHeader } from './DeskHeader';
import { LiveExams } from './LiveExams';
import { useDesk } from './useDesk';
import { WalkInNotice } from './WalkInNotice';
import { WorkstationPanel } from './WorkstationPanel';

/** « Liste des apprenants »: exams in progress on top, then every learner in a training process here. */
export function LearnerListPage() {
  const { t, i18n } = useTranslation('desk');
  const { desk, current, reload } = useDesk();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const [draft, setDraft] = useState(q);
  const [result, setResult] = useState<LearnerListReply | null>(null);
  // Bumped when an exam starts or ends: statuses change, a learner whose training process is over leaves.
  const [examsChanged, setExamsChanged] = useState(0);
  const onStatesChange = useCallback(() => setExamsChanged((n) => n + 1), []);

  useEffect(() => {
    if (!current) return;
    void get<LearnerListReply>(`/api/desk/learners?q=${encodeURIComponent(q)}&page=${page}`).then(setResult);
  }, [current, q, page, examsChanged]);

  if (!desk) return <p aria-busy="true">…</p>;
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {});
  };
  return (
    <div>
      <DeskHeader desk={desk} onChange={() => void reload()} />
      {current && (
        <>
          <LiveExams servicePointId={current.id} timeZone={current.timeZone} onStatesChange={onStatesChange} />
          <p className="summary-link">
            <Link to="/point-de-service/bilan">{t('monitoring:live.summaryLink')}</Link>
          </p>
          <h1>{t('title')}</h1>
          <form className="search-bar" role="search" onSubmit={apply}>
            <div className="field">
              <label htmlFor="learner-search">{t('search')}</label>
              <div className="inline-form">
                <input
                  id="learner-search"
                  type="search"
                  // The operator's next move is a name or a user code: the list opens ready to type it.
                  autoFocus
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  aria-describedby="learner-search-hint"
                />
                <button className="button primary" type="submit">
                  {t('apply')}
                </button>
              </div>
              <p className="hint" id="learner-search-hint">
                {t('searchHint')}
              </p>
            </div>
          </form>
          {result && (
            <>
              <div className="table-scroll" tabIndex={0}>
                <table className="learners">
                  <thead>
                    <tr>
                      <th>{t('columns.name')}</th>
                      <th>{t('columns.email')}</th>
                      <th>{t('columns.userCode')}</th>
                      <th>{t('columns.trainings')}</th>
                      <th>{t('columns.status')}</th>
                      <th>
                        <span className="visually-hidden">{t('columns.action')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.learners.map((l) => (
                      <tr key={l.id}>
                        <td>
                          {l.lastName}, {l.firstName}
                        </td>
                        <td>{l.email}</td>
                        <td className="mono">{l.userCode}</td>
                        <td>{l.trainings.map((tr) => localized(tr.title, i18n.language)).join(', ')}</td>
                        <td>
                          {l.trainings.map((tr) => (
                            <span
                              key={tr.code}
                              className={`badge ${tr.status === 'exam_in_progress' ? 'badge-danger' : tr.status === 'exam_authorized' ? 'badge-warn' : 'badge-info'}`}
                            >
                              {t(`status.${tr.status}`)}
                            </span>
                          ))}
                        </td>
                        <td>
                          <Link className="button" to={`/point-de-service/apprenants/${l.id}`}>
                            {t('open')}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {result.learners.length === 0 && <WalkInNotice q={q} />}
              <nav className="pager" aria-label={t('page', { n: page })}>
                {page > 1 && (
                  <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page - 1) })}`}>
                    {t('previous')}
                  </Link>
                )}
                <span>{t('page', { n: page })}</span>
                {result.hasMore && (
                  <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page + 1) })}`}>
                    {t('next')}
                  </Link>
                )}
              </nav>
            </>
          )}
          <WorkstationPanel desk={desk} onChange={() => void reload()} />
        </>
      )}
    </div>
  );
}
