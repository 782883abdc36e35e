import { Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../shared/api';
import { backlogState, type DueState, dueStates } from '../../../shared/domain/due';
import { holidaysOf } from '../../../shared/domain/holidays';
import { useEvent, useQuery } from '../api/hooks';

type Due = Pick<DossierSummary, 'status' | 'appointmentAt' | 'resolvedAt' | 'handedOverAt'>;

/**
 * The backlog colour of a dossier as the unit's calendar and warning window say (setting
 * `dueSoonWorkingHours`): red once overdue, orange while due within that many working hours.
 */
export function useDue(): (d: Due) => DueState | null {
  const settings = useQuery('settings.get', {});
  useEvent('settings.changed', settings.reload);
  const s = settings.data;
  return useMemo(() => {
    if (!s) return () => null;
    const state = dueStates(
      {
        sessions: s.officeHours,
        holidays: s.holidays,
        extraWorkingDays: s.extraWorkingDays,
        fillYear: holidaysOf,
      },
      s.dueSoonWorkingHours,
    );
    return (d: Due) => {
      try {
        return backlogState(d, Date.now(), state);
      } catch {
        return null; // a date the calendar cannot read: no colour rather than a broken list
      }
    };
  }, [s]);
}

/** Red "Quá hạn" or orange "Sắp đến hạn"; nothing on time. */
export function DueTag({ state }: { state: DueState | null }) {
  const { t } = useTranslation();
  if (!state || state === 'on_time') return null;
  return (
    <Tag color={state === 'overdue' ? 'red' : 'orange'} data-testid={`due-${state}`}>
      {t(state === 'overdue' ? 'forms.dueOverdue' : 'forms.dueSoon')}
    </Tag>
  );
}

export const DUE_ROW_BACKGROUND: Record<'overdue' | 'due_soon', string> = {
  overdue: '#fff1f0',
  due_soon: '#fff7e6',
};
