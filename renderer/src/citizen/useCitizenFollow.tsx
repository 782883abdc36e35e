import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api';
import { useStation } from '../api/StationContext';

/**
 * The citizen screen follows the dossier on the clerk's screen during reception: a draft opened
 * here is shown at once, and stays shown as it is received. An older dossier opened from the list
 * is not shown unless the clerk asks (another citizen may be at the counter). Leaving the dossier
 * puts the citizen screen back on its idle page.
 */
export function useCitizenFollow(dossier: Dossier): { toggle: React.ReactNode } {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const wasDraft = useRef(dossier.status === 'draft');
  const [shown, setShown] = useState(wasDraft.current);
  const id = dossier.id;
  useEffect(() => {
    if (status !== 'open') return;
    if (shown) void client.call('citizen.show', { dossierId: id }).catch(() => {});
    else void client.call('citizen.idle', {}).catch(() => {});
  }, [client, status, id, shown]);
  useEffect(
    () => () => {
      if (shown) void client.call('citizen.idle', {}).catch(() => {});
    },
    [client, shown],
  );
  const toggle = (
    <Button
      icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
      onClick={() => setShown((s) => !s)}
      data-testid="citizen-follow"
      data-shown={shown ? 'true' : 'false'}
    >
      {shown ? t('citizenControl.hide') : t('citizenControl.show')}
    </Button>
  );
  return { toggle };
}
