import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type DossierStatus, isEnded } from '../../../shared/api';

const COLOR: Record<DossierStatus, string> = {
  draft: 'blue',
  received: 'green',
  awaiting_completion: 'blue',
  refused: 'red',
  withdrawn: 'default',
  stopped: 'orange',
};

export function StatusTag({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  // The endings' names live with their strings (shared/i18n/ui-endings.ts).
  const label = isEnded(status) ? t(`endings.status.${status}`) : t(`status.${status}`);
  return <Tag color={COLOR[status]}>{label}</Tag>;
}
