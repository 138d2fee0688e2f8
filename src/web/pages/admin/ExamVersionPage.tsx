import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { ExamImportReply, ExamPreview } from '../../../shared/api/exams-admin';
import { get, post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/Field';
import { formatDateTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { localized } from '../../i18n/localized';
import { PreviewView } from '../exam/PreviewView';
import { ExamStateBadge } from './ExamStateBadge';

const FORMATS = ['yaml', 'json', 'qti3', 'qti21'] as const;

/**
 * `/administration/examens/versions/:versionId`: one version — its settings, « Publier » (a draft), « Retirer »,
 * « Essayer l'examen », the export in each format — and every item as the learner will see it, keys marked.
 */
export function ExamVersionPage() {
  const { versionId = '' } = useParams();
  const { t, i18n } = useTranslation('adminExams');
  const lang = i18n.language;
  const imported = (useLocation().state as { imported?: ExamImportReply } | null)?.imported;
  const [preview, setPreview] = useState<ExamPreview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState<'publish' | 'retire' | null>(null);
  const { run, busy, error, fail } = useAction();
  // After « Publier » or « Retirer » the button pressed is gone: focus goes to the sentence saying it was done.
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const api = `/api/admin/exam-versions/${encodeURIComponent(versionId)}`;

  const load = useCallback(() => get<ExamPreview>(`${api}/preview`).then(setPreview, fail), [api, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = (what: 'publish' | 'retire') =>
    void run(async () => {
      await post(`${api}/${what}`);
      setAsking(null);
      await load();
      setDone(t(what === 'publish' ? 'version.published' : 'version.retired', { n: preview?.version.version }));
    }).then((ok) => !ok && setAsking(null));

  if (!preview)
    return (
      <div>
        <FormError error={error} />
        {!error && <p aria-busy="true">…</p>}
      </div>
    );
  const v = preview.version;
  const note = { draft: 'version.draftNote', published: 'version.publishedNote', retired: 'version.retiredNote' }[
    v.state
  ];
  return (
    <div>
      <p className="breadcrumb">
        <Link to={`/administration/examens/${preview.examId}`}>← {t('exam.title', { code: preview.code })}</Link>
      </p>
      <h1>
        {t('version.title', { code: preview.code, n: v.version })} <ExamStateBadge state={v.state} />
      </h1>
      <p>{localized(v.title, lang)}</p>
      {imported && !done && (
        <p className="alert alert-ok" role="status">
          {t(`version.imported.${imported.outcome}`, { n: imported.version })}
        </p>
      )}
      {done && (
        <p className="alert alert-ok" role="status" tabIndex={-1} ref={doneRef}>
          {done}
        </p>
      )}
      <FormError error={error} />
      <p className={v.state === 'draft' ? 'alert alert-warn' : 'hint'}>{t(note)}</p>
      <dl className="org-facts">
        <dt>{t('version.facts.duration')}</dt>
        <dd>{t('exam.minutes', { count: v.durationMinutes })}</dd>
        <dt>{t('version.facts.passingMark')}</dt>
        <dd>{v.passingMark} %</dd>
        <dt>{t('version.facts.items')}</dt>
        <dd>{v.items}</dd>
        <dt>{t('version.facts.draw')}</dt>
        <dd>
          {v.drawCount === null
            ? t('version.facts.drawAll')
            : t('version.facts.drawSome', { drawn: v.drawCount, count: v.items })}
        </dd>
        <dt>{t('version.facts.order')}</dt>
        <dd>
          {[v.shuffleItems && t('version.facts.shuffled'), v.shuffleChoices && t('version.facts.shuffledChoices')]
            .filter(Boolean)
            .join(' ; ') || t('version.facts.fixed')}
        </dd>
        <dt>{t('version.facts.created')}</dt>
        <dd>{formatDateTime(v.createdAt, lang)}</dd>
        {v.publishedAt && (
          <>
            <dt>{t('version.facts.published')}</dt>
            <dd>{formatDateTime(v.publishedAt, lang)}</dd>
          </>
        )}
        {v.retiredAt && (
          <>
            <dt>{t('version.facts.retired')}</dt>
            <dd>{formatDateTime(v.retiredAt, lang)}</dd>
          </>
        )}
      </dl>
      <div className="org-actions">
        {v.state === 'draft' && (
          <button type="button" className="button primary" disabled={busy} onClick={() => setAsking('publish')}>
            {t('version.publish')}
          </button>
        )}
        <Link className="button" to={`/examen/essai/${v.id}`}>
          {t('version.tryIt')}
        </Link>
        {v.state !== 'retired' && (
          <button type="button" className="button danger" disabled={busy} onClick={() => setAsking('retire')}>
            {t('version.retire')}
          </button>
        )}
      </div>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('version.export')}</h2>
        <ul className="exam-exports">
          {FORMATS.map((f) => (
            <li key={f}>
              <a className="button small" href={`${api}/export?format=${f}`} download>
                {t('version.exportAs', { format: t(`version.formats.${f}`) })}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{t('version.preview')}</h2>
        <p className="hint">{t('version.previewHint')}</p>
        <PreviewView items={preview.items} />
      </section>
      <ConfirmDialog
        open={asking !== null}
        title={t(asking === 'retire' ? 'version.retireTitle' : 'version.publishTitle', { n: v.version })}
        confirmLabel={t(asking === 'retire' ? 'version.retire' : 'version.publish')}
        cancelLabel={t('version.cancel')}
        danger={asking === 'retire'}
        busy={busy}
        onConfirm={() => asking && act(asking)}
        onCancel={() => setAsking(null)}
      >
        <p>
          {t(
            asking !== 'retire'
              ? 'version.publishText'
              : v.state === 'published'
                ? 'version.retirePublishedText'
                : 'version.retireText',
          )}
        </p>
      </ConfirmDialog>
    </div>
  );
}
