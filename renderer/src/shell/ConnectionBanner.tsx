import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStation } from '../api/StationContext';

/** Says plainly when the engine cannot be reached; nothing while all is well. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { status, refused } = useStation();
  if (status === 'open') return null;
  const props =
    status === 'no-token'
      ? {
          type: 'error' as const,
          // A token from before the station restarted, or none at all: the same way back.
          title: refused ? t('comeback.refused') : t('connection.noToken'),
          description: t('connection.noTokenHint'),
        }
      : status === 'lost'
        ? { type: 'error' as const, title: t('connection.lost'), description: t('connection.lostHint') }
        : { type: 'info' as const, title: t('connection.connecting') };
  return (
    <Alert
      showIcon
      banner
      role="alert"
      data-testid="connection-banner"
      style={{ marginBottom: 16 }}
      {...props}
    />
  );
}
