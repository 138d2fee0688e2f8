import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A list row's own page (« Ouvrir », « Modifier »): a small button, named for its row (`name`). */
export function RowLink({ to, name, children }: { to: string; name: string; children: ReactNode }) {
  return (
    <Link className="button small" to={to} aria-label={name}>
      {children}
    </Link>
  );
}
