import { Alert, Button, Card, Flex, Image, Progress, Select, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api';
import type { CleanupChoices, ColourDecision } from '../../../shared/api/rooms/imaging';
import { useAttempt, useEvent, useQuery, useThrottled } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { PageBadges } from '../dossier/PageBadges';
import { DossierPdfButton } from '../documents/DossierPdfButton';

/**
 * Cleanup and OCR of a dossier: progress (OCR runs in the background), and per
 * page the cleaned result beside the original, each transform switchable
 * (one-click undo), the blank-page flag to confirm, and the recognised text.
 */
export function ImagingPanel({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const progress = useQuery('imaging.progress', { dossierId: dossier.id });
  useEvent('imaging.progress', (p) => {
    if (p.dossierId === dossier.id) progress.setData(p);
  });
  useEvent('dossier.changed', (e) => {
    if (e.dossierId === dossier.id) progress.reload();
  });
  useEffect(() => {
    // The dossier on screen is cleaned and read first.
    void client.call('imaging.focus', { dossierId: dossier.id }).catch(() => undefined);
  }, [client, dossier.id]);

  const pages = dossier.components.flatMap((c) =>
    c.pages.map((p, i) => ({
      page: p,
      label: `${c.code} · ${t('imaging.page')} ${i + 1} — ${p.sourceName}`,
    })),
  );
  const [pageId, setPageId] = useState<string | null>(null);
  const selected = pages.find((p) => p.page.id === pageId) ?? pages[0];
  const p = progress.data;
  // Every page's flags at once (not only the picked page's): the list of pages worth a look.
  const review = useQuery('imaging.review', { dossierId: dossier.id });
  const reloadReview = useThrottled(review.reload, 500);
  useEvent('dossier.changed', (e) => e.dossierId === dossier.id && reloadReview());
  useEvent('imaging.progress', (e) => e.dossierId === dossier.id && reloadReview());
  const flags = new Map(review.data?.components.flatMap((c) => c.pages.map((r) => [r.pageId, r] as const)));
  const flagged = pages.filter((x) => {
    const r = flags.get(x.page.id);
    return r && (r.blank || r.turned !== 0 || r.lowConfidence || r.colour);
  });
  const stillCleaning = pages.some((x) => {
    const state = flags.get(x.page.id)?.state;
    return state === undefined || state === 'pending';
  });

  return (
    <Card title={t('imaging.title')} data-testid="imaging-panel">
      <Flex vertical gap={12}>
        {p && p.total > 0 ? (
          <Flex vertical gap={4}>
            <Typography.Text data-testid="imaging-progress">
              {t('imaging.progress', { cleaned: p.cleaned, ocred: p.ocred, total: p.total })}
            </Typography.Text>
            <Progress percent={Math.round((100 * p.ocred) / p.total)} size="small" />
            <Typography.Text type={p.complete ? 'success' : 'secondary'} data-testid="imaging-ocr-state">
              {!p.ocrEnabled
                ? t('imaging.ocrOff')
                : p.complete
                  ? t('imaging.complete')
                  : t('imaging.running')}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('imaging.noPages')}</Typography.Text>
        )}
        {pages.length > 0 && (
          <Flex vertical gap={4} data-testid="review-list">
            <Typography.Text strong>{t('reviewList.title', { count: flagged.length })}</Typography.Text>
            {flagged.length === 0 ? (
              <Typography.Text type="secondary" data-testid="review-list-empty">
                {stillCleaning ? t('reviewList.waiting') : t('reviewList.none')}
              </Typography.Text>
            ) : (
              <>
                <Typography.Text type="secondary">{t('reviewList.hint')}</Typography.Text>
                <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {flagged.map((x) => (
                    <li key={x.page.id} data-testid="review-item" data-page-id={x.page.id}>
                      <Flex gap={8} align="center" wrap>
                        <Button
                          type="link"
                          size="small"
                          // The link's colour stays on hover and focus (antd's lighter hover blue reads under 4.5:1).
                          style={{ paddingInline: 0, color: '#0b5cad' }}
                          aria-current={x.page.id === selected?.page.id ? 'true' : undefined}
                          title={t('reviewList.open')}
                          data-testid="review-open"
                          onClick={() => setPageId(x.page.id)}
                        >
                          {x.page.id === selected?.page.id ? <strong>{x.label}</strong> : x.label}
                        </Button>
                        <PageBadges review={flags.get(x.page.id)} />
                      </Flex>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Flex>
        )}
        {selected && (
          <>
            <Flex gap={8} wrap align="center">
              <Select
                style={{ minWidth: 320 }}
                value={selected.page.id}
                onChange={setPageId}
                options={pages.map((x) => ({ value: x.page.id, label: x.label }))}
                data-testid="imaging-page-select"
              />
              <DossierPdfButton dossierId={dossier.id} />
            </Flex>
            <PageCleanupView
              pageId={selected.page.id}
              tick={p ? p.cleaned * 1000 + p.ocred : 0}
              reading={p?.reading?.find((r) => r.pageId === selected.page.id)?.text}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}

/** `reading`: the page's first lines while the rest is still being read (not yet its text). */
function PageCleanupView({ pageId, tick, reading }: { pageId: string; tick: number; reading?: string }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const info = useQuery('imaging.page', { pageId });
  const done = info.data?.state === 'done';
  const original = useQuery('imaging.preview', { pageId, cleaned: false });
  const cleaned = useQuery('imaging.preview', done ? { pageId, cleaned: true } : null);
  const reloadInfo = info.reload;
  const reloadCleaned = cleaned.reload;
  useEffect(() => {
    reloadInfo();
    reloadCleaned();
  }, [tick, reloadInfo, reloadCleaned]);

  const choose = (choices: Partial<CleanupChoices>) =>
    attempt(async () => {
      info.setData(await client.call('imaging.choose', { pageId, choices }));
      cleaned.reload();
    });
  const decide = (decision: 'keep' | 'remove') =>
    attempt(async () => info.setData(await client.call('imaging.blank', { pageId, decision })));

  const c = info.data;
  // The first lines read, shown until the page's whole reading replaces them.
  const partial = !!reading && !(c?.ocr && c.ocr.current);
  const a = c?.analysis;
  return (
    <Flex vertical gap={12} data-testid="imaging-page" data-page-id={pageId} data-state={c?.state}>
      {c?.state === 'pending' && <Alert type="info" showIcon title={t('imaging.pending')} />}
      {c?.state === 'skipped' && <Alert type="info" showIcon title={t('imaging.skipped')} />}
      {c?.state === 'failed' && <Alert type="warning" showIcon title={t('imaging.failed')} />}
      {a?.blank && c?.blankDecision !== 'keep' && (
        <Alert
          type="warning"
          showIcon
          data-testid="imaging-blank-flag"
          title={t('imaging.blankFlag')}
          action={
            <Flex gap={8}>
              <Button size="small" danger onClick={() => void decide('remove')}>
                {t('imaging.blankRemove')}
              </Button>
              <Button size="small" onClick={() => void decide('keep')}>
                {t('imaging.blankKeep')}
              </Button>
            </Flex>
          }
        />
      )}
      {a?.blank && c?.blankDecision === 'keep' && <Tag color="green">{t('imaging.blankKept')}</Tag>}
      <Flex gap={16} wrap>
        <figure style={{ margin: 0 }}>
          <figcaption>
            <Typography.Text type="secondary">{t('imaging.original')}</Typography.Text>
          </figcaption>
          {original.data && <Image width={240} src={original.data.dataUrl} alt={t('imaging.original')} />}
        </figure>
        <figure style={{ margin: 0 }}>
          <figcaption>
            <Typography.Text type="secondary">{t('imaging.cleaned')}</Typography.Text>
          </figcaption>
          {cleaned.data && (
            <Image
              width={240}
              src={cleaned.data.dataUrl}
              alt={t('imaging.cleaned')}
              data-testid="imaging-cleaned"
            />
          )}
        </figure>
        {c && a && (
          <Flex vertical gap={8} style={{ minWidth: 260 }}>
            <label>
              <Switch
                size="small"
                checked={c.choices.deskew}
                onChange={(v) => void choose({ deskew: v })}
                data-testid="imaging-deskew"
              />{' '}
              {t('imaging.deskew', { deg: a.skewDeg })}
            </label>
            <label>
              <Switch size="small" checked={c.choices.orient} onChange={(v) => void choose({ orient: v })} />{' '}
              {t('imaging.orient', { deg: a.orientation })}
            </label>
            <label>
              <Switch
                size="small"
                checked={c.choices.crop}
                disabled={!a.crop}
                onChange={(v) => void choose({ crop: v })}
              />{' '}
              {t('imaging.crop')}
            </label>
            <Flex gap={8} align="center">
              <Typography.Text>{t('imaging.colour')}</Typography.Text>
              <Select<ColourDecision>
                size="small"
                style={{ minWidth: 200 }}
                value={c.choices.colour ?? a.colour}
                onChange={(v) => void choose({ colour: v })}
                options={(['color', 'grey', 'bitonal'] as const).map((v) => ({
                  value: v,
                  label: t(`imaging.colour_${v}`),
                }))}
              />
            </Flex>
            <Typography.Text type="secondary">{t('imaging.undoHint')}</Typography.Text>
          </Flex>
        )}
      </Flex>
      <div>
        <Typography.Text strong>{t('imaging.text')}</Typography.Text>{' '}
        {partial ? (
          <Tag color="processing" data-testid="imaging-text-reading" title={t('first.readingHint')}>
            {t('first.reading')}
          </Tag>
        ) : (
          c?.ocr && (
            <Tag>
              {c.ocr.current
                ? t('imaging.confidence', { value: Math.round(c.ocr.confidence) })
                : t('imaging.stale')}
            </Tag>
          )
        )}
        <Typography.Paragraph
          data-testid="imaging-text"
          style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto', marginTop: 8 }}
          type={c?.ocr || partial ? undefined : 'secondary'}
        >
          {partial ? reading : c?.ocr ? c.ocr.text : t('imaging.noText')}
        </Typography.Paragraph>
      </div>
    </Flex>
  );
}
