import { CheckCircleOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DossierComponent } from '../../../shared/api';
import type { ImagingProgress } from '../../../shared/api/rooms/imaging';

type Counts = ImagingProgress['components'][number];

/**
 * Where one component stands, at a glance in its card's header: pages, cleanup,
 * text recognition, the PDF and its signature.
 */
export function ComponentStatus({
  component,
  counts,
  ocrEnabled,
}: {
  component: DossierComponent;
  counts: Counts | undefined;
  ocrEnabled: boolean;
}) {
  const { t } = useTranslation();
  const total = component.pages.length;
  const pdf = component.pdf;
  const step = (done: number, label: 'component.statusCleaned' | 'component.statusRead', testId: string) => (
    <Tag
      data-testid={testId}
      color={done >= total ? 'success' : 'processing'}
      icon={done >= total ? <CheckCircleOutlined /> : <SyncOutlined spin />}
    >
      {t(label, { done: Math.min(done, total), total })}
    </Tag>
  );
  return (
    <Flex gap={4} wrap justify="end" data-testid={`component-status-${component.code}`}>
      <Tag color={total > 0 ? 'blue' : 'default'} data-testid={`page-count-${component.code}`}>
        {t('common.pages', { count: total })}
      </Tag>
      {total > 0 &&
        counts &&
        step(counts.cleaned, 'component.statusCleaned', `status-cleaned-${component.code}`)}
      {total > 0 &&
        counts &&
        ocrEnabled &&
        step(counts.ocred, 'component.statusRead', `status-read-${component.code}`)}
      {total > 0 &&
        (pdf?.signed && pdf.current ? (
          <Tag color="green" data-testid={`status-pdf-${component.code}`}>
            {t('component.statusSigned', { level: pdf.signed.level })}
          </Tag>
        ) : pdf?.current ? (
          <Tag color="green" data-testid={`status-pdf-${component.code}`}>
            {t('component.statusPdf')}
          </Tag>
        ) : pdf ? (
          <Tag color="warning" icon={<WarningOutlined />} data-testid={`status-pdf-${component.code}`}>
            {t('component.pdfStale')}
          </Tag>
        ) : (
          <Tag data-testid={`status-pdf-${component.code}`}>{t('component.noPdf')}</Tag>
        ))}
    </Flex>
  );
}
