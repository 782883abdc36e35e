import { InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { Flex, Typography, Upload, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';

export const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff,.pdf';

interface Props {
  onFiles: (files: File[]) => void;
  /** Shown instead of the invitation while files are being added; also disables the zone. */
  busyText: string | null;
}

/** Drop zone and file picker; hands the whole batch over once, never uploads by itself. */
export function PageDropZone({ onFiles, busyText }: Props) {
  const { t } = useTranslation();
  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    if (file === batch[0]) onFiles(batch);
    return Upload.LIST_IGNORE;
  };
  return (
    <Upload.Dragger
      multiple
      accept={ACCEPT}
      showUploadList={false}
      beforeUpload={beforeUpload}
      disabled={busyText !== null}
    >
      <Flex align="center" justify="center" gap={16} style={{ minHeight: 48 }}>
        {busyText !== null ? (
          <LoadingOutlined style={{ fontSize: 28, color: '#0b5cad' }} />
        ) : (
          <InboxOutlined style={{ fontSize: 32, color: '#0b5cad' }} />
        )}
        <div style={{ textAlign: 'start' }}>
          <Typography.Text strong>{busyText ?? t('component.dropTitle')}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('component.dropHint')}
          </Typography.Text>
        </div>
      </Flex>
    </Upload.Dragger>
  );
}
