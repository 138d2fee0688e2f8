import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get } from '../../api/client';
import { formatClock, formatTime } from '../../format';

export interface OpenAttempt {
  id: string;
  state: 'authorized' | 'in_progress';
  learnerId: string;
  learnerName: string;
  examTitle: string;
  workstation: string;
  startedAt: string | null;
  deadlineAt: string | null;
  authorizedAt: string;
}

/** The exams in progress (and authorized, not started) at this service point, at the top of the list. */
export function LiveExams({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation('desk');
  const navigate = useNavigate();
  const [rows, setRows] = useState<OpenAttempt[] | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    void get<OpenAttempt[]>('/api/desk/attempts/open').then(setRows);
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!rows) return null;
  return (
    <section aria-labelledby="live-title" className="live-exams">
      <h2 id="live-title">{t('live.title')}</h2>
      {rows.length === 0 ? (
        <p className="hint">{t('live.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('columns.status')}</th>
              <th>{t('live.learner')}</th>
              <th>{t('live.exam')}</th>
              <th>{t('live.workstation')}</th>
              <th>{t('live.startedAt')}</th>
              <th>{t('live.timeLeft')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                className={`clickable ${r.state === 'in_progress' ? 'row-live' : 'row-authorized'}`}
                tabIndex={0}
                onClick={() => void navigate(`/point-de-service/apprenants/${r.learnerId}`)}
                onKeyDown={(e) => e.key === 'Enter' && void navigate(`/point-de-service/apprenants/${r.learnerId}`)}
              >
                <td>
                  {r.state === 'in_progress' ? (
                    <span className="badge badge-danger">
                      <span aria-hidden="true">● </span>
                      {t('live.inProgress')}
                    </span>
                  ) : (
                    <span className="badge badge-warn">{t('live.authorized')}</span>
                  )}
                </td>
                <td>{r.learnerName}</td>
                <td>{r.examTitle}</td>
                <td>{r.workstation}</td>
                <td>{formatTime(r.startedAt, i18n.language, timeZone)}</td>
                <td>{r.deadlineAt ? formatClock((new Date(r.deadlineAt).getTime() - Date.now()) / 1000) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
