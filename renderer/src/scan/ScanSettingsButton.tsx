import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, Modal, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';

/** The few settings scanning needs: network scanners by URL, the scan-to-folder folder. */
export function ScanSettingsButton({
  onSaved,
  onSearchNetwork,
  withLabel = false,
}: {
  onSaved: () => void;
  /** Absent where no device list is shown (Cài đặt): the "search the network too" box is hidden. */
  onSearchNetwork?: () => void;
  withLabel?: boolean;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [open, setOpen] = useState(false);
  const [urls, setUrls] = useState<string[]>([]);
  const [url, setUrl] = useState('');
  const [folder, setFolder] = useState('');
  const [network, setNetwork] = useState(false);

  const show = () =>
    attempt(async () => {
      const s = await client.call('settings.get', {});
      setUrls(s.esclUrls);
      setFolder(s.scanFolder);
      setOpen(true);
    });
  const save = () =>
    attempt(
      async () => {
        await client.call('settings.update', { esclUrls: urls, scanFolder: folder.trim() });
        setOpen(false);
        if (network && onSearchNetwork) onSearchNetwork();
        else onSaved();
      },
      { success: t('scan.saved') },
    );
  const validUrl = /^https?:\/\/[^\s/]+/.test(url.trim());

  return (
    <>
      {withLabel ? (
        <Button icon={<SettingOutlined />} data-testid="scan-settings-open" onClick={() => void show()}>
          {t('scan.settings')}
        </Button>
      ) : (
        <Tooltip title={t('scan.settings')}>
          <Button icon={<SettingOutlined />} aria-label={t('scan.settings')} onClick={() => void show()} />
        </Tooltip>
      )}
      <Modal
        open={open}
        title={t('scan.settings')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText={t('scan.saveSettings')}
      >
        <Form layout="vertical">
          <Form.Item label={t('scan.esclUrl')} extra={t('scan.esclUrlHint')}>
            <Flex vertical gap={8}>
              <Flex gap={4} wrap>
                {urls.map((u) => (
                  <Tag key={u} closable onClose={() => setUrls(urls.filter((x) => x !== u))}>
                    {u}
                  </Tag>
                ))}
              </Flex>
              <Flex gap={8}>
                <Input
                  value={url}
                  placeholder="http://192.168.1.20/eSCL"
                  onChange={(e) => setUrl(e.target.value)}
                  onPressEnter={() => validUrl && (setUrls([...new Set([...urls, url.trim()])]), setUrl(''))}
                />
                <Button
                  disabled={!validUrl}
                  onClick={() => (setUrls([...new Set([...urls, url.trim()])]), setUrl(''))}
                >
                  {t('scan.addUrl')}
                </Button>
              </Flex>
              {onSearchNetwork && (
                <Checkbox checked={network} onChange={(e) => setNetwork(e.target.checked)}>
                  {t('scan.searchNetwork')}
                </Checkbox>
              )}
            </Flex>
          </Form.Item>
          <Form.Item
            label={t('scan.folder')}
            extra={<Typography.Text type="secondary">{t('scan.folderHint')}</Typography.Text>}
          >
            <Input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="C:\\Scans" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
