import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, List, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { openOrDownloadPdf } from '../util/files';
import { formatDateTime, formatKb } from '../util/format';

/** The versions a correction kept (documents room), each component's file as received, to download. */
export function KeptVersions({ dossierId, updatedAt }: { dossierId: string; updatedAt: string }) {
  const { t, i18n } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const versions = useQuery('documents.versions', { dossierId });
  const { reload } = versions;
  useEffect(() => reload(), [updatedAt, reload]);
  const download = (version: number, componentCode: string) =>
    attempt(async () => {
      const f = await client.call('documents.versionPdf', { dossierId, version, componentCode });
      await openOrDownloadPdf(f.fileName, f.dataBase64);
    });
  if (!versions.data?.length) return null;
  return (
    <Flex vertical gap={4} data-testid="kept-versions">
      <Typography.Text strong>{t('correction.versions')}</Typography.Text>
      {versions.data.map((v) => (
        <List
          key={v.version}
          size="small"
          header={t('correction.version', { version: v.version, at: formatDateTime(v.keptAt) })}
          dataSource={v.components}
          renderItem={(c) => (
            <List.Item
              actions={[
                <Button
                  key="download"
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void download(v.version, c.componentCode)}
                >
                  {t('correction.download')}
                </Button>,
              ]}
            >
              <Flex gap={8} align="center" wrap>
                <Typography.Text code>{c.componentCode}</Typography.Text>
                <Tag color={c.signed ? 'green' : 'default'}>
                  {c.signed ? t('correction.signed') : t('correction.unsigned')}
                </Tag>
                <Typography.Text type="secondary">
                  {t('correction.size', { kb: formatKb(c.bytes, i18n.language) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ))}
    </Flex>
  );
}
