import { DeleteOutlined, FileImageOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Collapse, Flex, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeletedPage } from '../../../shared/api/rooms/dossier';
import type { Dossier } from '../../../shared/api';
import { useAttempt, useEvent, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { formatDateTime } from '../util/format';
import { useThumbnail } from './thumbnails';

function DeletedRow({ page, busy, onRestore }: { page: DeletedPage; busy: boolean; onRestore: () => void }) {
  const { t } = useTranslation();
  const thumb = useThumbnail(page.id);
  return (
    <Flex
      align="center"
      gap={12}
      role="listitem"
      data-testid="deleted-page"
      data-page-id={page.id}
      style={{ padding: '4px 0' }}
    >
      <div
        style={{
          width: 48,
          height: 48,
          display: 'grid',
          placeItems: 'center',
          background: '#f3f4f6',
          borderRadius: 4,
          overflow: 'hidden',
          flex: 'none',
        }}
      >
        {thumb.url ? (
          <img
            src={thumb.url}
            alt=""
            style={{ maxWidth: '100%', maxHeight: '100%', transform: `rotate(${page.rotation}deg)` }}
          />
        ) : thumb.failed ? (
          <FileImageOutlined style={{ color: '#6b7280' }} />
        ) : (
          <Spin size="small" />
        )}
      </div>
      <Flex vertical style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text ellipsis={{ tooltip: page.sourceName }}>{page.sourceName}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pages.deletedAt', { at: formatDateTime(page.deletedAt) })}
        </Typography.Text>
      </Flex>
      <Button
        icon={<UndoOutlined />}
        loading={busy}
        onClick={onRestore}
        aria-label={t('pages.restoreLabel', { name: page.sourceName })}
        data-testid="restore-page"
      >
        {t('pages.restore')}
      </Button>
    </Flex>
  );
}

/**
 * Trang đã xóa (n) — khôi phục: the component's deleted pages, kept by the engine until the
 * dossier is received, each restorable to its place; survives a reload (unlike the toast's undo).
 */
export function DeletedPages({
  dossierId,
  componentCode,
  componentName,
  onDossier,
}: {
  dossierId: string;
  componentCode: string;
  componentName: string;
  onDossier: (dossier: Dossier) => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const query = useQuery('dossier.deletedPages', { dossierId, componentCode });
  useEvent('dossier.changed', (e) => e.dossierId === dossierId && query.reload());
  const [busy, setBusy] = useState<string | null>(null);
  const deleted = query.data ?? [];
  if (deleted.length === 0) return null;

  const restore = async (page: DeletedPage) => {
    setBusy(page.id);
    await attempt(
      async () => {
        onDossier(await client.call('dossier.restorePage', { pageId: page.id }));
        query.reload();
      },
      { success: t('pages.restored', { name: page.sourceName, component: componentName }) },
    );
    setBusy(null);
  };

  return (
    <Collapse
      size="small"
      data-testid={`deleted-pages-${componentCode}`}
      items={[
        {
          key: 'deleted',
          label: (
            <Flex align="center" gap={8}>
              <DeleteOutlined aria-hidden />
              <span data-testid="deleted-toggle">{t('pages.deletedToggle', { count: deleted.length })}</span>
            </Flex>
          ),
          children: (
            <Flex vertical gap={4}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('pages.deletedHint')}
              </Typography.Text>
              <div role="list">
                {deleted.map((p) => (
                  <DeletedRow key={p.id} page={p} busy={busy === p.id} onRestore={() => void restore(p)} />
                ))}
              </div>
            </Flex>
          ),
        },
      ]}
    />
  );
}
