import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountReply } from '../../../shared/api/accounts';
import { get } from '../../api/client';

export type Step = 'account' | 'profile' | 'preferences' | 'membership';
export const STEPS: { key: Step; path: string }[] = [
  { key: 'account', path: '/compte/mon-compte' },
  { key: 'profile', path: '/compte/mon-profil-public' },
  { key: 'preferences', path: '/compte/mes-preferences' },
  { key: 'membership', path: '/compte/mon-membership' },
];

export function useAccount(enabled = true) {
  const [account, setAccount] = useState<AccountReply | null>(null);
  const reload = useCallback(async () => {
    if (enabled) setAccount(await get<AccountReply>('/api/account'));
  }, [enabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { account, reload };
}

/**
 * A form field that the account fills when it arrives, unless the user has changed it first: GET /api/account
 * can answer after the user has typed (a loaded server), and what they typed wins.
 */
export function useFieldFromAccount<T>(initial: T) {
  const [value, setValue] = useState(initial);
  const changed = useRef(false);
  const change = useCallback((v: T) => {
    changed.current = true;
    setValue(v);
  }, []);
  const fill = useCallback((v: T) => {
    if (!changed.current) setValue(v);
  }, []);
  return [value, change, fill] as const;
}
