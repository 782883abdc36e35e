import { Button, Card, Checkbox, Flex, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

/** The warning window of the backlogs (working hours before the appointment) and the peak months. */
export function LateSettings() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const settings = useQuery('settings.get', {});
  const [hours, setHours] = useState<number>(8);
  const [months, setMonths] = useState<number[]>([3, 6, 9, 12]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setHours(settings.data.dueSoonWorkingHours);
    setMonths(settings.data.peakMonths);
  }, [settings.data]);
  const save = async () => {
    setSaving(true);
    await attempt(
      async () =>
        settings.setData(
          await client.call('settings.update', {
            dueSoonWorkingHours: hours,
            peakMonths: [...months].sort((a, b) => a - b),
          }),
        ),
      { success: t('deskSettings.saved') },
    );
    setSaving(false);
  };
  return (
    <Card title={t('forms.settingsTitle')} data-testid="late-settings">
      <Flex vertical gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text>{t('forms.dueSoonHours')}</Typography.Text>
          <InputNumber
            min={0}
            max={80}
            step={1}
            value={hours}
            onChange={(v) => setHours(v ?? 0)}
            aria-label={t('forms.dueSoonHours')}
            data-testid="due-soon-hours"
          />
        </Flex>
        <Typography.Text>{t('forms.peakMonthsLabel')}</Typography.Text>
        <Checkbox.Group
          value={months}
          onChange={(v) => setMonths(v)}
          options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: String(i + 1) }))}
          data-testid="peak-months"
        />
        <div>
          <Button type="primary" loading={saving} disabled={!settings.data} onClick={() => void save()}>
            {t('forms.settingsSave')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
