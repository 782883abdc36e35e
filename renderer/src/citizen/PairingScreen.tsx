import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/api';
import { errorMessage } from '../../../shared/i18n';
import { useLang } from '../api/hooks';
import { big, card, subtle, title } from './styles';

/** Web mode: the code from the clerk's screen pairs this page with the station. */
export function PairingScreen({ pair }: { pair: (code: string) => Promise<AppError | null> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [code, setCode] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const refused = await pair(code.trim());
    setBusy(false);
    setError(refused);
    if (refused) setCode('');
  };
  return (
    <div
      style={{
        ...card,
        maxWidth: 760,
        margin: '12px auto',
        display: 'flex',
        flexDirection: 'column',
        gap: 20,
      }}
      data-testid="citizen-pairing"
    >
      <h1 style={title}>{t('citizen.pairTitle')}</h1>
      <div style={subtle}>{t('citizen.pairHow')}</div>
      <div style={{ display: 'flex', gap: 16 }}>
        <Input
          autoFocus
          inputMode="numeric"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          onPressEnter={() => void submit()}
          style={{ fontSize: 48, letterSpacing: 12, fontFamily: 'monospace', width: 320 }}
          aria-label={t('citizen.pairCodeLabel')}
          data-testid="citizen-pair-code"
        />
        <Button
          type="primary"
          size="large"
          disabled={busy || code.length !== 6}
          onClick={() => void submit()}
          style={{ ...big, height: 'auto' }}
          data-testid="citizen-pair"
        >
          {t('citizen.pairButton')}
        </Button>
      </div>
      {error && (
        <div style={{ ...big, color: '#b42318' }} data-testid="citizen-pair-error" data-code={error.code}>
          {errorMessage(error, lang)}
        </div>
      )}
    </div>
  );
}
