import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoVerdict } from '../../../../shared/api/photos';
import { localized } from '../../../i18n/localized';

const ORDER: Record<PhotoVerdict['status'], number> = { fail: 0, to_check: 1, pass: 2 };
const BADGE: Record<PhotoVerdict['status'], string> = {
  fail: 'badge-danger',
  to_check: 'badge-warn',
  pass: 'badge-ok',
};

/**
 * The server's verdicts on the photo: what fails or needs a look first, each with the sentence saying what to
 * change; the criteria met below, in short. The verdicts shown are the ones recorded with the photo.
 */
export function PhotoVerdicts({ verdicts, title }: { verdicts: PhotoVerdict[] | null; title: string }) {
  const { t, i18n } = useTranslation('photoChecks');
  const titleId = useId();
  if (!verdicts)
    return (
      <section className="photo-verdicts" aria-labelledby={titleId}>
        <h3 id={titleId}>{title}</h3>
        <p className="hint">{t('checksUnavailable')}</p>
      </section>
    );
  const sorted = [...verdicts].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const count = (s: PhotoVerdict['status']) => verdicts.filter((v) => v.status === s).length;
  const issues = sorted.filter((v) => v.status !== 'pass');
  const passed = sorted.filter((v) => v.status === 'pass');
  return (
    <section className="photo-verdicts" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <p className="verdicts-summary" data-testid="verdicts-summary">
        {count('fail') > 0 && <span className="badge badge-danger">{t('summary.fail', { count: count('fail') })}</span>}{' '}
        {count('to_check') > 0 && (
          <span className="badge badge-warn">{t('summary.to_check', { count: count('to_check') })}</span>
        )}
        {count('fail') + count('to_check') === 0 && <span className="badge badge-ok">{t('summary.pass')}</span>}
      </p>
      {issues.length > 0 && (
        <ul className="verdicts">
          {issues.map((v) => (
            <li key={v.criterion} className="photo-verdict">
              <span className={`badge ${BADGE[v.status]}`}>{t(`status.${v.status}`)}</span>
              <span>
                <strong>{t(`criteria.${v.criterion}`)}</strong> — {localized(v.message, i18n.language)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {passed.length > 0 && (
        <p className="verdicts-passed">
          <span className={`badge ${BADGE.pass}`}>{t('status.pass')}</span>{' '}
          {passed.map((v) => t(`criteria.${v.criterion}`)).join(' · ')}
        </p>
      )}
    </section>
  );
}
