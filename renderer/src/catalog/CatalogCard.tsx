import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttempt, useErrorText, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { downloadBase64, readAsUpload } from '../util/files';
import { useMayCall } from '../accounts/AccountsContext';
import { CutoffEditor } from './CutoffEditor';
import { NationalCompare } from './NationalCompare';

/** The procedure catalogue: how many, import a JSON/XLSX file (all or nothing), export it. */
export function CatalogCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const errorText = useErrorText();
  const attempt = useAttempt();
  const catalog = useQuery('catalog.list', {});
  const mayCall = useMayCall();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const importFile = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const upload = await readAsUpload(file);
      const r = await client.call('catalog.import', { fileName: upload.name, dataBase64: upload.dataBase64 });
      message.success(t('deskCatalog.imported', { n: r.imported }));
      if (r.skipped?.length)
        message.info(
          t('nationalList.skipped', {
            n: r.skipped.length,
            codes: r.skipped.slice(0, 10).join(', ') + (r.skipped.length > 10 ? '…' : ''),
          }),
          10,
        );
      catalog.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const exportAs = (format: 'json' | 'xlsx') =>
    attempt(async () => {
      const f = await client.call('catalog.export', { format });
      downloadBase64(f.fileName, f.dataBase64, f.mime);
    });

  return (
    <Card title={t('deskCatalog.title')} data-testid="catalog-card">
      <Typography.Paragraph>
        {t('deskCatalog.count', { n: catalog.data?.length ?? 0 })} {t('deskCatalog.hint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button
          icon={<UploadOutlined />}
          loading={busy}
          onClick={() => input.current?.click()}
          data-testid="catalog-import"
        >
          {t('deskCatalog.import')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportAs('xlsx')}>
          {t('deskCatalog.exportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportAs('json')}>
          {t('deskCatalog.exportJson')}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          style={{ display: 'none' }}
          data-testid="catalog-import-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </Flex>
      {error && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="catalog-error" />
      )}
      {mayCall('catalog.nationalDiff') && <NationalCompare />}
      {mayCall('catalog.setCutoff') && catalog.data && (
        <CutoffEditor procedures={catalog.data} onSaved={() => catalog.reload()} />
      )}
    </Card>
  );
}
