import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DossierStatus } from '../../../shared/api';

export function StatusTag({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'received' ? 'green' : 'blue'}>{t(`status.${status}`)}</Tag>;
}
