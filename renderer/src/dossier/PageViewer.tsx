import {
  LeftOutlined,
  RightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
  ExpandOutlined,
} from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Select, Spin, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/api';
import type { PageReview } from '../../../shared/api/rooms/imaging';
import { useQuery } from '../api/hooks';
import { PageBadges } from './PageBadges';

const ZOOMS = [50, 75, 100, 125, 150, 200, 300];

/** Lower case, no diacritics (đ too), punctuation as spaces: "Giấy khai sinh" and "giay-khai-sinh.jpg" are found by "giay khai sinh". */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

interface Props {
  dossierId: string;
  componentCode: string;
  componentName: string;
  pages: Page[];
  review: Map<string, PageReview>;
  /** The page shown; null: the viewer is closed. */
  pageId: string | null;
  onPage: (pageId: string | null) => void;
}

/** One page large, with zoom, its flags and the text read on it; any page of the component found by number, file name or words. */
export function PageViewer({
  dossierId,
  componentCode,
  componentName,
  pages,
  review,
  pageId,
  onPage,
}: Props) {
  const { t } = useTranslation();
  const index = pages.findIndex((p) => p.id === pageId);
  const page = index >= 0 ? pages[index] : undefined;
  const open = Boolean(page);
  const [zoom, setZoom] = useState<number | null>(null); // null: fit the frame
  const info = useQuery('imaging.page', page ? { pageId: page.id } : null);
  const cleaned = info.data?.pageId === page?.id && info.data?.state === 'done';
  const preview = useQuery(
    'imaging.preview',
    page && info.data?.pageId === page.id ? { pageId: page.id, cleaned, large: true } : null,
  );
  const texts = useQuery('imaging.texts', open ? { dossierId, componentCode } : null);

  useEffect(() => {
    if (!open) setZoom(null);
  }, [open]);

  const go = (delta: -1 | 1) => {
    const next = pages[index + delta];
    if (next) onPage(next.id);
  };
  const step = (dir: -1 | 1) => {
    const at = zoom ?? 100;
    const i = ZOOMS.findIndex((z) => z >= at);
    const next = dir > 0 ? ZOOMS.find((z) => z > at) : [...ZOOMS].reverse().find((z) => z < at);
    setZoom(next ?? ZOOMS[Math.max(0, i)] ?? 100);
  };

  const textOf = new Map((texts.data ?? []).map((x) => [x.pageId, x.text]));
  const options = pages.map((p, i) => ({
    value: p.id,
    label: t('pages.viewerTitle', { n: i + 1, count: pages.length, name: p.sourceName }),
    search: fold(`${i + 1} ${t('page.label', { n: i + 1 })} ${p.sourceName} ${textOf.get(p.id) ?? ''}`),
  }));
  const ocr = info.data?.pageId === page?.id ? info.data?.ocr : undefined;
  const url = preview.data?.dataUrl;
  const rotation = page?.rotation ?? 0;

  return (
    <Modal
      open={open}
      onCancel={() => onPage(null)}
      footer={null}
      width="min(1200px, 96vw)"
      style={{ top: 16 }}
      destroyOnHidden
      title={
        <Typography.Text strong>
          {componentName}
          {page ? ` — ${t('page.label', { n: index + 1 })}` : ''}
        </Typography.Text>
      }
      closable={{ 'aria-label': t('pages.close') }}
      data-testid="page-viewer"
    >
      {page && (
        <Flex
          vertical
          gap={8}
          data-testid="page-viewer-body"
          data-page-id={page.id}
          // Escape closes the viewer wherever the focus is in it (an open tooltip would keep the key otherwise).
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || e.defaultPrevented) return;
            if ((e.target as HTMLElement).closest('.ant-select')) return; // the picker closes its list first
            onPage(null);
          }}
        >
          <Flex gap={8} wrap align="center">
            <Tooltip title={t('pages.previous')}>
              <Button
                icon={<LeftOutlined />}
                aria-label={t('pages.previous')}
                disabled={index <= 0}
                onClick={() => go(-1)}
                data-testid="viewer-previous"
              />
            </Tooltip>
            <Select
              showSearch={{
                filterOption: (input, option) => (option?.search ?? '').includes(fold(input)),
              }}
              value={page.id}
              options={options}
              onChange={(v: string) => onPage(v)}
              aria-label={t('pages.picker')}
              placeholder={t('pages.picker')}
              notFoundContent={t('pages.pickerEmpty')}
              style={{ flex: '1 1 280px', minWidth: 220 }}
              data-testid="viewer-picker"
            />
            <Tooltip title={t('pages.next')}>
              <Button
                icon={<RightOutlined />}
                aria-label={t('pages.next')}
                disabled={index >= pages.length - 1}
                onClick={() => go(1)}
                data-testid="viewer-next"
              />
            </Tooltip>
            <Flex gap={4} align="center">
              <Button
                icon={<ZoomOutOutlined />}
                aria-label={t('pages.zoomOut')}
                title={t('pages.zoomOut')}
                onClick={() => step(-1)}
              />
              <Typography.Text style={{ minWidth: 48, textAlign: 'center' }} data-testid="viewer-zoom">
                {zoom === null ? t('pages.zoomFit') : t('pages.zoomValue', { value: zoom })}
              </Typography.Text>
              <Button
                icon={<ZoomInOutlined />}
                aria-label={t('pages.zoomIn')}
                title={t('pages.zoomIn')}
                onClick={() => step(1)}
                data-testid="viewer-zoom-in"
              />
              <Button
                icon={<ExpandOutlined />}
                aria-label={t('pages.zoomFit')}
                title={t('pages.zoomFit')}
                onClick={() => setZoom(null)}
              />
            </Flex>
          </Flex>
          <PageBadges review={review.get(page.id)} />
          <Flex gap={12} wrap style={{ minHeight: 0 }}>
            <div
              style={{
                flex: '2 1 480px',
                height: 'min(70vh, 900px)',
                overflow: 'auto',
                background: '#f3f4f6',
                borderRadius: 6,
                display: 'flex',
                alignItems: zoom === null ? 'center' : 'flex-start',
                justifyContent: zoom === null ? 'center' : 'flex-start',
              }}
              data-testid="viewer-frame"
            >
              {url ? (
                <img
                  src={url}
                  alt={t('page.label', { n: index + 1 })}
                  data-testid="viewer-image"
                  style={{
                    transform: `rotate(${rotation}deg)`,
                    ...(zoom === null
                      ? { maxWidth: '100%', maxHeight: '100%' }
                      : { width: `${(zoom / 100) * 1000}px`, maxWidth: 'none', flex: 'none' }),
                  }}
                />
              ) : preview.error ? (
                <Alert type="warning" showIcon title={t('pages.previewFailed')} />
              ) : (
                <Spin />
              )}
            </div>
            <Flex vertical gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
              <Typography.Text strong>{t('pages.text')}</Typography.Text>
              {ocr && !ocr.current && (
                <Typography.Text type="secondary">{t('pages.textStale')}</Typography.Text>
              )}
              <div
                data-testid="viewer-text"
                tabIndex={0}
                aria-label={t('pages.text')}
                style={{
                  height: 'min(62vh, 820px)',
                  overflow: 'auto',
                  whiteSpace: 'pre-wrap',
                  border: '1px solid #e5e7eb',
                  borderRadius: 6,
                  padding: 8,
                  fontSize: 13,
                }}
              >
                {ocr?.text ? (
                  ocr.text
                ) : (
                  <Typography.Text type="secondary">{t('pages.textNone')}</Typography.Text>
                )}
              </div>
            </Flex>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
