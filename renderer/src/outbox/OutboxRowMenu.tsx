import {
  DollarOutlined,
  DownloadOutlined,
  EllipsisOutlined,
  FolderOpenOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RedoOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Input, type MenuProps, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxOverview } from '../../../shared/api/rooms/outbox';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { navigate } from '../util/route';
import { type DossierRow, rowActions } from './groups';
import { resultLabelKey } from './OutboxSteps';

interface Props {
  row: DossierRow;
  onOverview: (o: OutboxOverview) => void;
  onDownload: (fileId: string) => void;
  /** Opens the row on its steps (the fee's actions live there). */
  onShowSteps: () => void;
}

/** Every action on a dossier's sending, in one menu per row: nothing off-screen at 1280 px. */
export function OutboxRowMenu({ row, onOverview, onDownload, onShowSteps }: Props) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [handOver, setHandOver] = useState(false);
  const [name, setName] = useState(row.main.applicantName);
  const can = rowActions(row);
  const dossierId = row.dossierId;
  const act = (p: () => Promise<OutboxOverview>) => void attempt(async () => onOverview(await p()));

  const items: MenuProps['items'] = [
    can.retry && { key: 'retry', icon: <RedoOutlined />, label: t('outbox.retry') },
    can.pause && { key: 'pause', icon: <PauseCircleOutlined />, label: t('outbox.pause') },
    can.resume && { key: 'resume', icon: <PlayCircleOutlined />, label: t('outbox.resume') },
    can.handOver && { key: 'handOver', icon: <UserOutlined />, label: t('outbox.returnTo') },
    can.fee && { key: 'fee', icon: <DollarOutlined />, label: t('outboxRow.feeMenu') },
    ...can.results.map((r) => ({
      key: `result:${r.fileId}`,
      icon: <DownloadOutlined />,
      label: `${t('outbox.resultFile')} (${t(resultLabelKey(r))})`,
    })),
    { type: 'divider' as const },
    { key: 'open', icon: <FolderOpenOutlined />, label: t('outboxRow.openDossier') },
  ].filter((i) => !!i);

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'retry') act(() => client.call('outbox.retryNow', { dossierId }));
    else if (key === 'pause') act(() => client.call('outbox.pause', { dossierId }));
    else if (key === 'resume') act(() => client.call('outbox.resume', { dossierId }));
    else if (key === 'handOver') setHandOver(true);
    else if (key === 'fee') onShowSteps();
    else if (key === 'open') navigate({ place: 'dossiers', dossierId });
    else if (key.startsWith('result:')) onDownload(key.slice('result:'.length));
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']}>
        <Button
          size="small"
          icon={<EllipsisOutlined />}
          data-testid={`outbox-menu-${row.main.code ?? dossierId}`}
          aria-label={`${t('outboxRow.menu')} ${row.main.code ?? ''}`.trim()}
        >
          {t('outboxRow.menu')}
        </Button>
      </Dropdown>
      <Modal
        open={handOver}
        title={t('outbox.returnedTo')}
        okText={t('outbox.returnConfirm')}
        onCancel={() => setHandOver(false)}
        onOk={() =>
          void attempt(async () => {
            onOverview(await client.call('outbox.recordReturn', { dossierId, returnedTo: name }));
            setHandOver(false);
          })
        }
      >
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="return-to"
          aria-label={t('outbox.returnedTo')}
        />
      </Modal>
    </>
  );
}
