import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { type DragEvent, type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierComponent } from '../../../shared/api';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { PAGE_DRAG_TYPE } from './PageThumb';

/** Where a component stands in the picker: required and empty, excused, with pages, signed, or optional and empty. */
export type PickState = 'missing' | 'exempt' | 'filled' | 'signed' | 'empty';

export function pickStateOf(dossier: Dossier, c: DossierComponent): PickState {
  if (c.pages.length > 0) return c.pdf?.signed && c.pdf.current ? 'signed' : 'filled';
  if (dossier.exceptions?.some((e) => e.componentCode === c.code)) return 'exempt';
  return c.required ? 'missing' : 'empty';
}

const ICON: Record<PickState, React.ReactNode> = {
  missing: <ExclamationCircleFilled style={{ color: '#d46b08' }} />,
  exempt: <MinusCircleOutlined style={{ color: '#595959' }} />,
  filled: <CheckCircleFilled style={{ color: '#1677ff' }} />,
  signed: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  empty: <MinusCircleOutlined style={{ color: '#8c8c8c' }} />,
};

/**
 * The "Thành phần" step's list of components, one line each with its state (pages, required and
 * missing, signed): the chosen one's card is the one shown. A vertical tab list: Tab reaches the
 * chosen line, the arrow keys (and Home/End) move along it. A page dragged from the shown card onto
 * another line moves there.
 */
export function ComponentPicker({
  dossier,
  chosen,
  onChoose,
  onDossier,
  locked,
}: {
  dossier: Dossier;
  chosen: string;
  onChoose: (code: string) => void;
  onDossier: (d: Dossier) => void;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [dropOn, setDropOn] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLDivElement>());
  const codes = dossier.components.map((c) => c.code);

  const go = (code: string | undefined) => {
    if (!code) return;
    onChoose(code);
    refs.current.get(code)?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    const to =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? codes[(i + 1) % codes.length]
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? codes[(i - 1 + codes.length) % codes.length]
          : e.key === 'Home'
            ? codes[0]
            : e.key === 'End'
              ? codes[codes.length - 1]
              : undefined;
    if (to !== undefined) {
      e.preventDefault();
      go(to);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onChoose(codes[i]!);
    }
  };
  const foreign = (e: DragEvent<HTMLElement>, c: DossierComponent) =>
    !locked && e.dataTransfer.types.includes(PAGE_DRAG_TYPE) && c.code !== chosen;
  const onDrop = (e: DragEvent<HTMLElement>, c: DossierComponent) => {
    setDropOn(null);
    const pageId = e.dataTransfer.getData(PAGE_DRAG_TYPE);
    if (!pageId || c.pages.some((p) => p.id === pageId) || locked) return;
    e.preventDefault();
    void attempt(
      async () => onDossier(await client.call('scan.page.move', { pageId, componentCode: c.code })),
      {
        success: t('scan.moved', { name: c.name }),
      },
    );
  };

  return (
    <Flex
      vertical
      gap={4}
      role="tablist"
      aria-orientation="vertical"
      aria-label={t('picker.label')}
      data-testid="component-picker"
      title={t('picker.hint')}
    >
      {dossier.components.map((c, i) => {
        const state = pickStateOf(dossier, c);
        const selected = c.code === chosen;
        const line =
          state === 'missing'
            ? t('picker.missing')
            : state === 'exempt'
              ? t('picker.exempt')
              : state === 'empty'
                ? t('picker.optional')
                : [
                    t('picker.pages', { count: c.pages.length }),
                    c.pdf?.current ? t(c.pdf.signed ? 'picker.signed' : 'picker.pdf') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ');
        return (
          <div
            key={c.code}
            ref={(el) => {
              if (el) refs.current.set(c.code, el);
              else refs.current.delete(c.code);
            }}
            role="tab"
            id={`component-tab-${c.code}`}
            aria-selected={selected}
            aria-controls={`component-panel-${c.code}`}
            tabIndex={selected ? 0 : -1}
            data-testid={`component-pick-${c.code}`}
            data-state={state}
            className="sohoa-component-pick"
            onClick={() => onChoose(c.code)}
            onKeyDown={(e) => onKey(e, i)}
            onDragOver={(e) => {
              if (!foreign(e, c)) return;
              e.preventDefault();
              setDropOn(c.code);
            }}
            onDragLeave={() => setDropOn(null)}
            onDrop={(e) => onDrop(e, c)}
            aria-description={dropOn === c.code ? t('picker.moveHere', { name: c.name }) : undefined}
            style={{
              cursor: 'pointer',
              padding: '8px 10px',
              borderRadius: 8,
              border: `1px solid ${selected ? '#1677ff' : '#d9d9d9'}`,
              background: selected ? '#e6f4ff' : '#fff',
              outline: dropOn === c.code ? '2px dashed #0b5cad' : undefined,
            }}
          >
            <Flex gap={8} align="start">
              <span aria-hidden style={{ paddingTop: 2 }}>
                {ICON[state]}
              </span>
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong={selected} style={{ lineHeight: 1.3 }}>
                  {c.name}
                </Typography.Text>
                <Typography.Text
                  style={{ fontSize: 12, color: state === 'missing' ? '#ad4e00' : '#595959' }}
                  data-testid={`component-pick-state-${c.code}`}
                >
                  {line}
                </Typography.Text>
              </Flex>
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}
