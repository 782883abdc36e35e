import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { openOrDownloadPdf } from '../util/files';

/** Opens (Electron) or downloads (web mode) the whole dossier as one PDF. */
export function DossierPdfButton({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const download = () =>
    attempt(async () => {
      const r = await client.call('documents.dossierPdf', { dossierId });
      await openOrDownloadPdf(r.fileName, r.dataBase64);
    });
  return (
    <Button icon={<DownloadOutlined />} onClick={() => void download()}>
      {t('imaging.wholePdf')}
    </Button>
  );
}
