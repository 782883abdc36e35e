import { DownloadOutlined, FilePdfOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierComponent } from '../../../shared/api';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { openOrDownloadPdf } from '../util/files';
import { formatKb } from '../util/format';

interface Props {
  dossierId: string;
  component: DossierComponent;
  onDossier: (dossier: Dossier) => void;
}

/** Assemble the component's PDF, say how current it is, and download it. */
export function PdfBar({ dossierId, component, onDossier }: Props) {
  const { t, i18n } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [busy, setBusy] = useState<'assemble' | 'download' | null>(null);
  const ref = { dossierId, componentCode: component.code };
  const pdf = component.pdf;

  const assemble = async () => {
    setBusy('assemble');
    await attempt(async () => onDossier(await client.call('documents.assemble', ref)), {
      success: t('component.assembled', { name: component.name }),
    });
    setBusy(null);
  };

  const download = async () => {
    setBusy('download');
    await attempt(async () => {
      const file = await client.call('documents.componentPdf', ref);
      await openOrDownloadPdf(file.fileName, file.dataBase64);
    });
    setBusy(null);
  };

  return (
    <Flex align="center" gap={12} wrap style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
      <Button
        data-testid={`assemble-${component.code}`}
        type={pdf?.current ? 'default' : 'primary'}
        icon={<FilePdfOutlined />}
        loading={busy === 'assemble'}
        disabled={busy !== null || component.pages.length === 0}
        onClick={() => void assemble()}
      >
        {pdf && !pdf.current ? t('component.reassemble') : t('component.assemble')}
      </Button>
      <Button
        data-testid={`download-${component.code}`}
        icon={<DownloadOutlined />}
        loading={busy === 'download'}
        disabled={busy !== null || !pdf}
        onClick={() => void download()}
      >
        {t('component.download')}
      </Button>
      <Flex align="center" gap={8} data-testid={`pdf-info-${component.code}`}>
        {pdf ? (
          <>
            <Typography.Text>
              {t('component.pdfInfo', { count: pdf.pageCount, size: formatKb(pdf.bytes, i18n.language) })}
            </Typography.Text>
            {pdf.current ? (
              <Tag color="green">{t('component.pdfCurrent')}</Tag>
            ) : (
              <Tag color="warning" icon={<WarningOutlined />}>
                {t('component.pdfStale')}
              </Tag>
            )}
          </>
        ) : (
          <Typography.Text type="secondary">{t('component.noPdf')}</Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
