import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenLookup, CitizenView } from '../../../shared/api/rooms/citizen';
import { useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { formatDateTime } from '../util/format';
import { big, card, subtle, title } from './styles';

type Unit = CitizenView['unit'];

function LookupResult({ result }: { result: CitizenLookup }) {
  const { t } = useTranslation();
  if (!result.found)
    return (
      <div style={{ ...big, color: '#b42318' }} data-testid="citizen-lookup-result" data-found="false">
        {t('citizen.lookupNotFound', { code: result.code })}
      </div>
    );
  return (
    <div style={{ ...card, ...big }} data-testid="citizen-lookup-result" data-found="true">
      <div style={{ fontWeight: 700 }}>{result.code}</div>
      <div>{result.procedureName}</div>
      <div style={{ fontWeight: 700, color: '#0b6b3a' }}>{t(`citizen.lookupStatus.${result.status}`)}</div>
      <div style={subtle}>
        {formatDateTime(result.receivedAt)}
        {result.appointmentAt && ` → ${t('citizen.appointment')}: ${formatDateTime(result.appointmentAt)}`}
      </div>
    </div>
  );
}

/** Tra cứu: a reader in keyboard mode types the receipt QR's text and Enter into the box; so does a person. */
function LookupBox({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [result, setResult] = useState<CitizenLookup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = async () => {
    const code = text.trim();
    if (!code) return;
    setText('');
    try {
      setResult(await client.call('citizen.lookup', { code }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <h2 style={{ ...title, fontSize: 34 }}>{t('citizen.lookupTitle')}</h2>
      <div style={subtle}>
        {t('citizen.lookupHow')} {unit.lookupUrl}
      </div>
      <div style={{ display: 'flex', gap: 12 }}>
        <Input
          autoFocus
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => void look()}
          placeholder={t('citizen.lookupPlaceholder')}
          style={{ ...big, flex: 1 }}
          data-testid="citizen-lookup-input"
        />
        <Button type="primary" size="large" style={{ ...big, height: 'auto' }} onClick={() => void look()}>
          {t('citizen.lookupButton')}
        </Button>
      </div>
      {error && <div style={{ ...big, color: '#b42318' }}>{error}</div>}
      {result && <LookupResult result={result} />}
    </div>
  );
}

/** Nobody at the counter: the unit, how to reach it, and the look-up. */
export function IdleScreen({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: '1fr 1.2fr', gap: 32, alignItems: 'start' }}
      data-testid="citizen-idle"
    >
      <div style={{ ...card, display: 'flex', flexDirection: 'column', gap: 16 }}>
        <div style={{ ...title, color: '#0b3d73' }}>{t('citizen.welcome')}</div>
        <div style={{ ...big, fontWeight: 600 }}>{unit.name}</div>
        <div style={big}>
          {t('citizen.hotline')}: <b>{unit.hotline}</b>
        </div>
        <div style={big}>
          {t('citizen.switchboard')}: <b>{unit.switchboard}</b>
        </div>
      </div>
      <div style={card}>
        <LookupBox unit={unit} />
      </div>
    </div>
  );
}
