import { Alert, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEvent, useQuery } from '../api/hooks';

/** A sample procedure's name in the picker, marked "mẫu" (shipped with the app, not the province's). */
export function SampleLabel({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <span data-testid="procedure-sample">
      {text}{' '}
      <Tooltip title={t('setup.sampleTagHint')}>
        <Tag color="orange" style={{ marginInlineStart: 4 }}>
          {t('setup.sampleTag')}
        </Tag>
      </Tooltip>
    </span>
  );
}

/**
 * Outside training mode, reception is refused while the unit's settings are still samples:
 * said here, on the counter's first screen, with what to set and where (the engine refuses too).
 */
export function ReceptionBlock() {
  const { t } = useTranslation();
  const status = useQuery('setup.status', {});
  useEvent('settings.changed', () => status.reload());
  if (!status.data?.receptionBlocked) return null;
  const missing = status.data.samples.map((k) => t(`setup.labels.${k}`)).join(', ');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="reception-blocked"
      title={t('setup.blockedTitle')}
      description={t('setup.blocked', { missing })}
      style={{ marginBottom: 16 }}
    />
  );
}
