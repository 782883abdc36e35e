import { InboxOutlined } from '@ant-design/icons';
import { Typography, Upload, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';

export const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff';

/** Drop zone and file picker; hands the whole batch over once, never uploads by itself. */
export function PageDropZone({
  onFiles,
  busyText,
}: {
  onFiles: (files: File[]) => void;
  busyText: string | null;
}) {
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
      style={{ padding: '4px 8px' }}
    >
      <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}>
        <InboxOutlined />
      </p>
      <Typography.Text>{busyText ?? t('component.dropTitle')}</Typography.Text>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('component.dropHint')}
      </Typography.Text>
    </Upload.Dragger>
  );
}
