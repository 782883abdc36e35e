import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  DeleteOutlined,
  FileImageOutlined,
  SwapOutlined,
  RotateLeftOutlined,
  RotateRightOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Flex, Spin, Tooltip, Typography } from 'antd';
import { type DragEvent, type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/api';
import type { PageReview } from '../../../shared/api/rooms/imaging';
import { PageBadges } from './PageBadges';
import { useThumbnail } from './thumbnails';

/** How long the closing menu may still pull the focus back into itself (its leave animation). */
const MENU_LEAVE_MS = 600;

/**
 * Give the focus back to the menu's button once the menu closes. The menu re-focuses its
 * active item while it animates out and then drops the focus on the page's body, so the
 * button takes it back each frame until the menu is gone — unless the clerk went elsewhere
 * or opened the menu again (the returned function stops it).
 */
function returnFocus(button: HTMLButtonElement | null): () => void {
  if (!button) return () => {};
  let live = true;
  const until = performance.now() + MENU_LEAVE_MS;
  const lost = () => {
    const el = document.activeElement;
    return !el || el === document.body || Boolean(el.closest('.ant-dropdown'));
  };
  const step = () => {
    if (!live) return;
    if (lost()) button.focus();
    if (performance.now() < until) requestAnimationFrame(step);
  };
  button.focus();
  requestAnimationFrame(step);
  return () => {
    live = false;
  };
}

export const PAGE_DRAG_TYPE = 'application/x-sohoa-page';
const BOX = 128;

export interface PageThumbProps {
  page: Page;
  index: number;
  count: number;
  busy: boolean;
  /** The dossier is a record now (received): the page can be looked at, not changed. */
  locked?: boolean;
  dragging: boolean;
  dropTarget: boolean;
  onRotate: (by: 90 | -90) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
  /** The dossier's other components, to move this page into one of them. */
  otherComponents: { code: string; name: string }[];
  onMoveTo: (componentCode: string, componentName: string) => void;
  onDragStart: (e: DragEvent<HTMLDivElement>) => void;
  onDragOver: (e: DragEvent<HTMLDivElement>) => void;
  onDrop: (e: DragEvent<HTMLDivElement>) => void;
  onDragEnd: () => void;
  /** What the station found on the page (badges); undefined while not known. */
  review?: PageReview;
  /** Opens the page large (the page viewer). */
  onOpen?: () => void;
}

function Tool({
  title,
  icon,
  onClick,
  disabled,
  danger,
}: {
  title: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <Tooltip title={title} mouseEnterDelay={0.4}>
      <Button
        size="small"
        type="text"
        aria-label={title}
        icon={icon}
        onClick={onClick}
        disabled={disabled}
        danger={danger}
      />
    </Tooltip>
  );
}

export function PageThumb(props: PageThumbProps) {
  const { page, index, count, busy, dragging, dropTarget } = props;
  const inert = busy || Boolean(props.locked);
  const { t } = useTranslation();
  const moveButton = useRef<HTMLButtonElement>(null);
  const stopReturn = useRef<() => void>(() => {});
  const thumb = useThumbnail(page.id);
  const label = t('page.label', { n: index + 1 });

  return (
    <div
      data-testid="page-thumb"
      data-page-id={page.id}
      data-rotation={page.rotation}
      draggable={!inert}
      onDragStart={props.onDragStart}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      onDragEnd={props.onDragEnd}
      title={`${label} — ${page.sourceName}\n${t('page.dragHint')}`}
      style={{
        width: BOX + 12,
        padding: 6,
        borderRadius: 8,
        background: '#fff',
        border: dropTarget ? '2px dashed #0b5cad' : '1px solid #e5e7eb',
        opacity: dragging ? 0.4 : 1,
        cursor: 'grab',
      }}
    >
      <button
        type="button"
        onClick={props.onOpen}
        aria-label={t('pages.open', { n: index + 1 })}
        data-testid="page-open"
        data-blank={props.review?.blank ? 'true' : undefined}
        style={{
          width: BOX,
          height: BOX,
          padding: 0,
          border: 'none',
          cursor: 'zoom-in',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          background: '#f3f4f6',
          borderRadius: 4,
          overflow: 'hidden',
          position: 'relative',
        }}
      >
        {thumb.url ? (
          <img
            src={thumb.url}
            alt={label}
            draggable={false}
            style={{
              maxWidth: '100%',
              maxHeight: '100%',
              transform: `rotate(${page.rotation}deg)`,
              transition: 'transform 0.2s',
            }}
          />
        ) : thumb.failed ? (
          <Tooltip title={t('page.thumbFailed')}>
            <FileImageOutlined style={{ fontSize: 32, color: '#9ca3af' }} />
          </Tooltip>
        ) : (
          <Spin size="small" />
        )}
        {busy && (
          <div
            style={{
              position: 'absolute',
              inset: 0,
              background: 'rgba(255,255,255,0.6)',
              display: 'grid',
              placeItems: 'center',
            }}
          >
            <Spin />
          </div>
        )}
      </button>
      <Typography.Text style={{ display: 'block', textAlign: 'center', fontSize: 12, marginTop: 4 }}>
        {label}
      </Typography.Text>
      <PageBadges review={props.review} />
      <Flex justify="space-between">
        <Tool
          title={t('page.moveLeft')}
          icon={<ArrowLeftOutlined />}
          onClick={() => props.onMove(-1)}
          disabled={inert || index === 0}
        />
        <Tool
          title={t('page.rotateLeft')}
          icon={<RotateLeftOutlined />}
          onClick={() => props.onRotate(-90)}
          disabled={inert}
        />
        <Tool
          title={t('page.rotateRight')}
          icon={<RotateRightOutlined />}
          onClick={() => props.onRotate(90)}
          disabled={inert}
        />
        <Tool
          title={t('page.moveRight')}
          icon={<ArrowRightOutlined />}
          onClick={() => props.onMove(1)}
          disabled={inert || index === count - 1}
        />
        {props.otherComponents.length > 0 && (
          <Dropdown
            trigger={['click']}
            autoFocus
            // Escape (or a choice) gives the focus back to the button, for the next key.
            onOpenChange={(open) => {
              stopReturn.current();
              stopReturn.current = open ? () => {} : returnFocus(moveButton.current);
            }}
            disabled={inert}
            menu={{
              items: props.otherComponents.map((c) => ({
                key: c.code,
                label: c.name,
                'data-testid': `move-to-${c.code}`,
              })),
              onClick: ({ key }) => {
                const target = props.otherComponents.find((c) => c.code === key);
                if (target) props.onMoveTo(target.code, target.name);
              },
            }}
          >
            <Button
              ref={moveButton}
              size="small"
              type="text"
              aria-label={t('page.moveTo')}
              title={t('page.moveTo')}
              icon={<SwapOutlined />}
              disabled={inert}
              data-testid="page-move-to"
            />
          </Dropdown>
        )}
        <Tool
          title={t('page.delete')}
          icon={<DeleteOutlined />}
          onClick={props.onDelete}
          disabled={inert}
          danger
        />
      </Flex>
    </div>
  );
}
