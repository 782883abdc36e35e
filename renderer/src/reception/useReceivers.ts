import { useMemo } from 'react';
import { useEvent, useQuery } from '../api/hooks';

/**
 * At a postal service point, the names of the agencies that accept a procedure (by its code);
 * undefined at a one-stop section, where the picker names no agency.
 */
export function useReceivers(): ((procedureCode: string) => string[]) | undefined {
  const list = useQuery('agency.list', {});
  useEvent('settings.changed', () => list.reload());
  return useMemo(() => {
    if (list.data?.stationKind !== 'postal') return undefined;
    const agencies = list.data.agencies;
    return (code: string) => agencies.filter((a) => a.procedures.includes(code)).map((a) => a.name);
  }, [list.data]);
}
