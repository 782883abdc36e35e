import { Button, Flex, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedProcedure } from '../../../shared/api/rooms/catalog';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Giờ chốt nhận hồ sơ of one procedure (catalog.setCutoff, a supervisor's): a dossier received
 * after it counts from the next working day.
 */
export function CutoffEditor({
  procedures,
  onSaved,
}: {
  procedures: ListedProcedure[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [code, setCode] = useState<string | undefined>();
  const [time, setTime] = useState('');
  const [busy, setBusy] = useState(false);
  const current = procedures.find((p) => p.code === code);
  useEffect(() => setTime(current?.cutoffTime ?? ''), [current?.cutoffTime, code]);
  const bad = time.trim() !== '' && !TIME.test(time.trim());

  const save = async (cutoffTime: string | null) => {
    if (!code) return;
    setBusy(true);
    await attempt(
      async () => {
        await client.call('catalog.setCutoff', { code, cutoffTime });
        onSaved();
      },
      { success: t(cutoffTime ? 'formEdit.cutoffSaved' : 'formEdit.cutoffCleared', { code }) },
    );
    setBusy(false);
  };

  return (
    <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="cutoff-editor">
      <Typography.Text strong>{t('formEdit.cutoff')}</Typography.Text>
      <Typography.Text type="secondary">{t('formEdit.cutoffHint')}</Typography.Text>
      <Flex gap={8} wrap align="center" style={{ maxWidth: '100%' }}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          // Shrinks with the card (1280×720 keeps the time and both buttons on one line).
          style={{ flex: '1 1 300px', minWidth: 240, maxWidth: 560 }}
          placeholder={t('formEdit.cutoffProcedure')}
          aria-label={t('formEdit.cutoffProcedure')}
          value={code}
          onChange={(v: string) => setCode(v)}
          options={procedures.map((p) => ({
            value: p.code,
            label: `${p.code} — ${p.name} (${t('formEdit.cutoff').toLowerCase()}: ${p.cutoffTime ?? t('formEdit.cutoffNone')})`,
          }))}
          data-testid="cutoff-procedure"
        />
        <Input
          style={{ width: 120 }}
          placeholder="15:00"
          aria-label={t('formEdit.cutoffTime')}
          value={time}
          status={bad ? 'error' : undefined}
          disabled={!code}
          onChange={(e) => setTime(e.target.value)}
          data-testid="cutoff-time"
        />
        <Button
          type="primary"
          loading={busy}
          disabled={!code || bad || !time.trim()}
          onClick={() => void save(time.trim())}
          data-testid="cutoff-save"
        >
          {t('formEdit.cutoffSave')}
        </Button>
        <Button
          disabled={!current?.cutoffTime || busy}
          onClick={() => void save(null)}
          data-testid="cutoff-clear"
        >
          {t('formEdit.cutoffClear')}
        </Button>
      </Flex>
      {bad && <Typography.Text type="danger">{t('formEdit.cutoffFormat')}</Typography.Text>}
    </Flex>
  );
}
