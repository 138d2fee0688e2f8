import { useTranslation } from 'react-i18next';
import { PhotoExample } from './PhotoExample';

/** The procedure's criteria for the photo, beside an example that meets them. */
export function PhotoCriteria() {
  const { t } = useTranslation('photo');
  const criteria = t('criteria', { returnObjects: true }) as string[];
  return (
    <aside className="photo-criteria" aria-label={t('criteriaTitle')}>
      <h3>{t('criteriaTitle')}</h3>
      <div className="criteria-body">
        <ul>
          {criteria.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <figure>
          <PhotoExample label={t('exampleAlt')} />
          <figcaption className="hint">{t('exampleCaption')}</figcaption>
        </figure>
      </div>
    </aside>
  );
}
