import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  LoadingOutlined,
} from '@ant-design/icons';
import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api';
import type { ImagingProgress } from '../../../shared/api/rooms/imaging';
import type { OutboxState } from '../../../shared/api/rooms/outbox';
import { signGaps } from '../../../shared/domain/sign-gaps';

/** The dossier screen's steps, in the order the clerk walks them. */
export const STEP_KEYS = ['components', 'review', 'sign', 'receive', 'receipt'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** Where a step stands: done, running, worth a look (warning), failed, or not started. */
export type StepState = 'done' | 'running' | 'warning' | 'error' | 'wait';

export interface StepInfo {
  key: StepKey;
  state: StepState;
  /** One short line under the step's title. */
  detail: string;
}

/** Each step's state from the dossier, its cleanup/OCR progress and its submission's outbox state. */
export function useStepInfos(
  dossier: Dossier,
  progress: ImagingProgress | undefined,
  portalState: OutboxState | null,
): StepInfo[] {
  const { t } = useTranslation();
  const draft = dossier.status === 'draft';
  const withPages = dossier.components.filter((c) => c.pages.length > 0);
  const missing = dossier.components.filter(
    (c) => c.required && c.pages.length === 0 && !dossier.exceptions?.some((e) => e.componentCode === c.code),
  );

  const components: StepInfo = {
    key: 'components',
    state: withPages.length === 0 ? 'wait' : missing.length > 0 ? 'warning' : 'done',
    detail:
      withPages.length === 0
        ? t('steps.noPages')
        : missing.length > 0
          ? t('steps.componentsMissing', { count: missing.length })
          : t('steps.componentsState', { filled: withPages.length, total: dossier.components.length }),
  };

  const total = progress?.total ?? 0;
  const cleaned = progress?.cleaned ?? 0;
  const ocred = progress?.ocred ?? 0;
  const review: StepInfo = {
    key: 'review',
    state: total === 0 ? 'wait' : progress?.complete ? 'done' : 'running',
    detail:
      total === 0
        ? t('steps.noPages')
        : progress?.complete
          ? t('steps.reviewDone', { total })
          : cleaned < total
            ? t('steps.reviewState', { cleaned, total })
            : t('steps.reviewOcr', { ocred, total }),
  };

  const gaps = signGaps(dossier.components);
  const signedCount = withPages.length - gaps.length;
  const sign: StepInfo = {
    key: 'sign',
    state:
      withPages.length === 0
        ? 'wait'
        : gaps.length === 0
          ? 'done'
          : signedCount > 0 || !draft
            ? 'warning'
            : 'wait',
    detail:
      withPages.length === 0
        ? t('steps.noPages')
        : gaps.length === 0
          ? t('steps.signDone', { total: withPages.length })
          : t('steps.signState', { signed: signedCount, total: withPages.length }),
  };

  const receive: StepInfo = {
    key: 'receive',
    state: draft ? 'wait' : dossier.unsigned ? 'warning' : 'done',
    detail: draft
      ? t('steps.receiveWait')
      : dossier.unsigned
        ? t('steps.receiveUnsigned')
        : t('steps.receiveDone'),
  };

  // Received without the citizen's consent to submit online: processed on paper, nothing to send.
  const paper = !draft && dossier.consent === null && !portalState;
  const receipt: StepInfo = {
    key: 'receipt',
    state: draft
      ? 'wait'
      : paper
        ? 'done'
        : portalState === 'failed'
          ? 'error'
          : portalState === 'retry'
            ? 'warning'
            : portalState === 'submitted' || portalState === 'result_ready' || portalState === 'done'
              ? 'done'
              : 'running',
    detail: draft
      ? t('steps.receiptWait')
      : paper
        ? t('steps.receiptPaper')
        : portalState
          ? t(`outbox.state.${portalState}`)
          : t('steps.receiptNoSend'),
  };

  return [components, review, sign, receive, receipt];
}

/**
 * The step to open a dossier on: the first one not done. The receipt step is where a
 * received dossier lives, so a received dossier opens there (unless a correction is open).
 */
export function firstNotDone(infos: StepInfo[], correcting: boolean): number {
  const received = infos[3]?.state !== 'wait';
  if (received && !correcting) return 4;
  const i = infos.findIndex((s) => s.state !== 'done');
  return i < 0 ? 4 : i;
}

const ICON: Record<StepState, React.ReactNode> = {
  done: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  running: <LoadingOutlined style={{ color: '#1677ff' }} />,
  warning: <ExclamationCircleFilled style={{ color: '#d46b08' }} />,
  error: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  wait: undefined,
};

/** The steps bar: every step's state at all times, the current one underlined; a click opens a step. */
export function DossierSteps({
  infos,
  current,
  onChange,
}: {
  infos: StepInfo[];
  current: number;
  onChange: (i: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('steps.label')}>
      <Steps
        type="navigation"
        size="small"
        current={current}
        onChange={onChange}
        data-testid="dossier-steps"
        items={infos.map((s, i) => ({
          key: s.key,
          status:
            s.state === 'done'
              ? 'finish'
              : s.state === 'error'
                ? 'error'
                : i === current
                  ? 'process'
                  : 'wait',
          icon: ICON[s.state],
          title: (
            <span
              data-testid={`step-${s.key}`}
              data-state={s.state}
              aria-current={i === current ? 'step' : undefined}
            >
              {t(`steps.${s.key}`)}
            </span>
          ),
          content: <span data-testid={`step-${s.key}-detail`}>{s.detail}</span>,
        }))}
      />
    </nav>
  );
}
