import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api/contract';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { formatDateTime } from '../util/format';
import { KeptVersions } from './KeptVersions';

const MIN = 10;
const MAX = 2000;

/**
 * Đính chính (docs/architecture.md, reception): a supervisor opens a correction of a
 * received dossier, with its reason; while it is open a banner says so and offers to
 * finish it; the versions kept by corrections are listed with their files.
 */
export function CorrectionPanel({
  dossier,
  onDossier,
}: {
  dossier: Dossier;
  onDossier: (d: Dossier) => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const status = useQuery('accounts.status', {});
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const me = status.data?.me;
  // A station without accounts acts with every right (docs/architecture.md, "Roles").
  const supervisor =
    status.data && (!status.data.hasAccounts || me?.role === 'supervisor' || me?.role === 'admin');
  const open = dossier.correction ?? null;
  const trimmed = reason.trim();

  const correct = async () => {
    setBusy(true);
    const ok = await attempt(async () =>
      onDossier(await client.call('reception.correct', { dossierId: dossier.id, reason: trimmed })),
    );
    setBusy(false);
    if (ok) {
      setAsking(false);
      setReason('');
    }
  };
  const finish = async () => {
    setBusy(true);
    await attempt(
      async () => {
        const d = await client.call('reception.finishCorrection', { dossierId: dossier.id });
        onDossier(d);
        return d;
      },
      { success: (d) => t('correction.finished', { version: d.version ?? 1 }) },
    );
    setBusy(false);
  };

  const kept = (dossier.version ?? 1) > 1 || open !== null;
  if (!open && !(supervisor && dossier.status === 'received') && !kept) return null;
  return (
    <Card size="small" data-testid="correction-panel">
      <Flex vertical gap={12}>
        {open ? (
          <Alert
            type="warning"
            showIcon
            data-testid="correction-banner"
            title={t('correction.banner', { reason: open.reason })}
            description={t('correction.bannerBy', { by: open.by, at: formatDateTime(open.at) })}
            action={
              <Button type="primary" loading={busy} onClick={() => void finish()}>
                {t('correction.finish')}
              </Button>
            }
          />
        ) : (
          supervisor &&
          dossier.status === 'received' && (
            <Flex>
              <Button icon={<EditOutlined />} onClick={() => setAsking(true)} data-testid="correction-open">
                {t('correction.open')}
              </Button>
            </Flex>
          )
        )}
        {kept && <KeptVersions dossierId={dossier.id} updatedAt={dossier.updatedAt} />}
      </Flex>
      <Modal
        open={asking}
        title={t('correction.dialogTitle', { code: dossier.code ?? '' })}
        okText={t('correction.confirm')}
        okButtonProps={{ disabled: trimmed.length < MIN || trimmed.length > MAX, loading: busy }}
        onOk={() => void correct()}
        onCancel={() => setAsking(false)}
      >
        <Flex vertical gap={8}>
          <Typography.Paragraph type="secondary">{t('correction.hint')}</Typography.Paragraph>
          <Typography.Text strong>{t('correction.reason')}</Typography.Text>
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={MAX}
            autoSize={{ minRows: 3, maxRows: 8 }}
            data-testid="correction-reason"
          />
          <Typography.Text type="secondary">{t('correction.reasonRule')}</Typography.Text>
        </Flex>
      </Modal>
    </Card>
  );
}
