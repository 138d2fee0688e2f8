import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/Field';
import { formatDate } from '../../format';
import { useAction } from '../../hooks/useAction';
import type { AccommodationView, LearnerFileReply } from '../../../shared/api/desk';
import { AccommodationForm } from './AccommodationForm';
import { accommodationLabel } from './accommodationLabel';

/**
 * « Mesures d'adaptation » on the learner's file, folded below what authorizing needs (the ones in force are
 * named in the file's header): the list, « Révoquer », and « Ajouter une mesure ».
 */
export function AccommodationsPanel({ file, onChange }: { file: LearnerFileReply; onChange: () => void }) {
  const { t, i18n } = useTranslation('care');
  const [revoking, setRevoking] = useState<AccommodationView | null>(null);
  const [adding, setAdding] = useState(false);
  const { run, busy, error } = useAction();
  const list = file.accommodations;
  const revoke = async () => {
    if (!revoking) return;
    await run(async () => {
      await post(`/api/desk/learners/${encodeURIComponent(file.learner.id)}/accommodations/${revoking.id}/revoke`);
      onChange();
    });
    setRevoking(null);
  };
  return (
    <details className="card file-fold" open={list.some((a) => a.active) || undefined}>
      <summary>
        <h2>
          {t('accommodations.title')} ({list.filter((a) => a.active).length})
        </h2>
      </summary>
      <FormError error={error} />
      {list.length === 0 ? (
        <p className="hint">{t('accommodations.none')}</p>
      ) : (
        <ul className="care-list">
          {list.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{accommodationLabel(t, a)}</strong>{' '}
                <span className={`badge ${a.active ? 'badge-ok' : 'badge-info'}`}>
                  {t(`accommodations.${a.active ? 'active' : a.revokedAt ? 'revoked' : 'expired'}`)}
                </span>
              </p>
              <p className="hint">
                {t('accommodations.details', {
                  reason: a.reason,
                  grantedBy: a.grantedBy,
                  until: formatDate(a.validUntil, i18n.language),
                  by: a.createdBy,
                })}
              </p>
              {a.active && (
                <button type="button" className="button danger" onClick={() => setRevoking(a)}>
                  {t('accommodations.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <AccommodationForm
          learnerId={file.learner.id}
          onDone={() => {
            setAdding(false);
            onChange();
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          {t('accommodations.add')}
        </button>
      )}
      <ConfirmDialog
        open={!!revoking}
        title={t('accommodations.revokeTitle')}
        confirmLabel={t('accommodations.revoke')}
        cancelLabel={t('accommodations.back')}
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      >
        <p>{revoking && accommodationLabel(t, revoking)}</p>
        <p>{t('accommodations.revokeText')}</p>
      </ConfirmDialog>
    </details>
  );
}
