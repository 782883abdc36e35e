import { StopOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { ReasonLength } from './ReasonLength';

/**
 * Thông báo dừng giải quyết hồ sơ (station form 07, Circular 03/2025/TT-VPCP's form 05): the
 * reason recorded with the dossier (reception.stopNotice), which ends it (status `stopped`, the
 * portal told "dừng xử lý"), then the notice printed; printed again from the ending's notice
 * (DossierEnding). A notice kept from before it ended a dossier is printed again from here.
 */
export function StopNoticeButtons({
  dossier,
  onDossier,
  print,
}: {
  dossier: Dossier;
  onDossier: (d: Dossier) => void;
  print: (form: '07') => Promise<void>;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const issued = (dossier.stopNotices?.length ?? 0) > 0;
  const ok = async () => {
    setBusy(true);
    const done = await attempt(
      async () =>
        onDossier(
          await client.call('reception.stopNotice', { dossierId: dossier.id, reason: reason.trim() }),
        ),
      { success: t('formEdit.stopDone') },
    );
    setBusy(false);
    if (done) {
      setOpen(false);
      setReason('');
      await print('07');
    }
  };
  return (
    <>
      {/* One item of the panel's row, spaced as its neighbours (a fragment's buttons would touch). */}
      <Flex gap={8} wrap>
        {/* Not the pause icon: that is "Yêu cầu bổ sung" beside it, which stops the clock instead. */}
        <Button icon={<StopOutlined />} data-testid="stop-notice" onClick={() => setOpen(true)}>
          {t('formEdit.stop')}
        </Button>
        {issued && (
          <Button data-testid="form-07" onClick={() => void print('07')}>
            {t('formEdit.stopPrint')}
          </Button>
        )}
      </Flex>
      <Modal
        open={open}
        title={t('formEdit.stopTitle')}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="cancel" onClick={() => setOpen(false)}>
            {t('formEdit.cancel')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            data-testid="stop-notice-ok"
            disabled={reason.trim().length < 10}
            loading={busy}
            onClick={() => void ok()}
          >
            {t('formEdit.stopIssue')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">{t('formEdit.stopHint')}</Typography.Paragraph>
        <Typography.Text strong>{t('formEdit.stopReason')}</Typography.Text>
        <Input.TextArea
          autoFocus
          rows={4}
          maxLength={2000}
          value={reason}
          data-testid="stop-notice-reason"
          aria-label={t('formEdit.stopReason')}
          onChange={(e) => setReason(e.target.value)}
        />
        <ReasonLength text={reason} min={10} />
      </Modal>
    </>
  );
}
