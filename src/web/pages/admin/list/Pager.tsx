import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * A list's pages: « Page précédente », « Page N », « Page suivante » (links to the same list's other page), or
 * the page's own links (`children`: the audit log pages by key, not by number).
 */
export function Pager({
  page,
  hasMore,
  href,
  children,
}: {
  page?: number;
  hasMore?: boolean;
  href?: (page: number) => string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('admin');
  if (children === undefined && (!page || !href || (page === 1 && !hasMore))) return null;
  return (
    <nav className="pager" aria-label={t('list.pages')}>
      {children ?? (
        <>
          {page! > 1 && <Link to={href!(page! - 1)}>{t('list.previous')}</Link>}
          <span>{t('list.page', { n: page })}</span>
          {hasMore && <Link to={href!(page! + 1)}>{t('list.next')}</Link>}
        </>
      )}
    </nav>
  );
}
