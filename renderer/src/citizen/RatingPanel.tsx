import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenView } from '../../../shared/api/rooms/citizen';
import { RatingReason, type RatingInput } from '../../../shared/api/rooms/feedback';
import { useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { big, card, subtle, title } from './styles';

type Received = Extract<CitizenView, { phase: 'received' }>;

const LEVEL_STYLE = {
  very_satisfied: { background: '#1b5e20', color: '#fff' },
  satisfied: { background: '#43a047', color: '#fff' },
  unsatisfied: { background: '#e53935', color: '#fff' },
} as const;

/** Sends the rating for the view on the screen; the engine answers with the thank-you. */
function useRate(view: Received): {
  send: (r: RatingInput) => Promise<void>;
  busy: boolean;
  error: string | null;
} {
  const { client } = useStation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (rating: RatingInput) => {
    setBusy(true);
    try {
      await client.call('citizen.rate', { key: view.key, rating });
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { send, busy, error };
}

/** Ba mức đánh giá: two send at once; "Không hài lòng" asks what about first. */
export function RatingPanel({ view, onUnsatisfied }: { view: Received; onUnsatisfied: () => void }) {
  const { t } = useTranslation();
  const { send, busy, error } = useRate(view);
  if (view.rated)
    return (
      <div style={{ ...card, ...big }} data-testid="citizen-rated">
        {t('citizen.rated')}
      </div>
    );
  return (
    <div style={{ ...card, display: 'flex', flexDirection: 'column', gap: 14 }} data-testid="citizen-rating">
      <div style={{ ...big, fontWeight: 700 }}>{t('citizen.rateTitle')}</div>
      {(['very_satisfied', 'satisfied', 'unsatisfied'] as const).map((level) => (
        <Button
          key={level}
          disabled={busy}
          data-testid={`citizen-rate-${level}`}
          onClick={() => (level === 'unsatisfied' ? onUnsatisfied() : void send({ level, reasons: [] }))}
          style={{ ...big, height: 76, fontWeight: 700, border: 'none', ...LEVEL_STYLE[level] }}
        >
          {t(`feedback.levels.${level}`)}
        </Button>
      ))}
      <div style={{ ...subtle, fontSize: 20 }}>{t('citizen.anonymous')}</div>
      {error && <div style={{ ...big, color: '#b42318' }}>{error}</div>}
    </div>
  );
}

/** Không hài lòng: what about (chips), an optional comment, then send. */
export function ReasonsScreen({ view, onBack }: { view: Received; onBack: () => void }) {
  const { t } = useTranslation();
  const { send, busy, error } = useRate(view);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [comment, setComment] = useState('');
  const toggle = (r: RatingReason) =>
    setReasons((now) => (now.includes(r) ? now.filter((x) => x !== r) : [...now, r]));
  return (
    <div style={{ ...card, display: 'flex', flexDirection: 'column', gap: 20 }} data-testid="citizen-reasons">
      <h1 style={title}>{t('citizen.rateWhy')}</h1>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 14 }}>
        {RatingReason.options.map((r) => {
          const on = reasons.includes(r);
          return (
            <Button
              key={r}
              data-testid={`citizen-reason-${r}`}
              aria-pressed={on}
              onClick={() => toggle(r)}
              style={{
                ...big,
                height: 'auto',
                minHeight: 84,
                whiteSpace: 'normal',
                fontWeight: on ? 700 : 400,
                background: on ? '#fdecea' : '#fff',
                borderColor: on ? '#e53935' : '#d0d5dd',
                borderWidth: 2,
              }}
            >
              {on ? '✓ ' : ''}
              {t(`feedback.reasons.${r}`)}
            </Button>
          );
        })}
      </div>
      <Input.TextArea
        value={comment}
        maxLength={500}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('citizen.comment')}
        autoSize={{ minRows: 2, maxRows: 3 }}
        style={big}
        data-testid="citizen-comment"
      />
      <div style={{ display: 'flex', gap: 16, justifyContent: 'flex-end' }}>
        <Button style={{ ...big, height: 72 }} onClick={onBack} disabled={busy}>
          ←
        </Button>
        <Button
          type="primary"
          danger
          disabled={busy}
          data-testid="citizen-send-rating"
          style={{ ...big, height: 72, fontWeight: 700, paddingInline: 40 }}
          onClick={() => void send({ level: 'unsatisfied', reasons, comment: comment.trim() || undefined })}
        >
          {t('citizen.send')}
        </Button>
      </div>
      {error && <div style={{ ...big, color: '#b42318' }}>{error}</div>}
    </div>
  );
}
