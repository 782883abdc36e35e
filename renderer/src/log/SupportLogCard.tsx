import { FileZipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportExport } from '../../../shared/api/rooms/log';
import { LOG_EXPORT_DAYS, LOG_LEVELS, type LogLevel } from '../../../shared/domain/log-files';
import { useErrorText, useEvent, useQuery, useShowError } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { useMaySet } from '../accounts/AccountsContext';

const sizeText = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * Gửi nhật ký hỗ trợ — for a supervisor or an administrator (log.exportSupport): zips the
 * last days' technical logs and station.json into the data folder and shows where, with a
 * button to copy the path. An administrator also sets the log level, when support asks.
 */
export function SupportLogCard() {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const [bundle, setBundle] = useState<SupportExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setBundle(await client.call('log.exportSupport', {}));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('log.title')} data-testid="support-log">
      <Flex vertical gap={12} align="start">
        <Typography.Text type="secondary">{t('log.hint', { days: LOG_EXPORT_DAYS })}</Typography.Text>
        <Button
          icon={<FileZipOutlined />}
          loading={busy}
          onClick={() => void run()}
          data-testid="support-log-export"
        >
          {t('log.export')}
        </Button>
        {error && <Alert type="error" showIcon title={error} />}
        {bundle && (
          <Alert
            type="success"
            showIcon
            title={t('log.done', { size: sizeText(bundle.size), count: bundle.files.length })}
            description={
              <Typography.Text
                code
                copyable={{ tooltips: [t('log.copy'), t('log.copied')] }}
                data-testid="support-log-path"
              >
                {bundle.path}
              </Typography.Text>
            }
          />
        )}
        <LogLevelChoice />
      </Flex>
    </Card>
  );
}

/** The logLevel setting, for the administrator only (SETTING_ROLES). */
function LogLevelChoice() {
  const { t } = useTranslation();
  const { client } = useStation();
  const { message } = App.useApp();
  const showError = useShowError();
  const maySet = useMaySet();
  const settings = useQuery('settings.get', maySet('logLevel') ? {} : null);
  useEvent('settings.changed', () => settings.reload());
  if (!maySet('logLevel') || !settings.data) return null;
  const save = async (logLevel: LogLevel) => {
    try {
      settings.setData(await client.call('settings.update', { logLevel }));
      void message.success(t('log.levelSaved'));
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Flex align="center" gap={12} wrap>
      <Typography.Text strong>{t('log.level')}</Typography.Text>
      <Select<LogLevel>
        data-testid="log-level"
        aria-label={t('log.level')}
        style={{ minWidth: 200 }}
        value={settings.data.logLevel}
        onChange={(v) => void save(v)}
        options={LOG_LEVELS.map((l) => ({ value: l, label: t(`log.level_${l}`) }))}
      />
      <Typography.Text type="secondary">{t('log.levelHint')}</Typography.Text>
    </Flex>
  );
}
