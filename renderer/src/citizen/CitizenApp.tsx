import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { useTranslation } from 'react-i18next';
import type { CitizenView } from '../../../shared/api/rooms/citizen';
import { StationProvider, useStation } from '../api/StationContext';
import type { CitizenLink } from './connect';
import { ReceivedScreen, ReceptionScreen } from './DossierScreen';
import { IdleScreen } from './IdleScreen';
import { PairingScreen } from './PairingScreen';
import { BLUE, big, card, title } from './styles';
import { useCitizenView } from './useCitizenView';

const theme = {
  token: {
    colorPrimary: '#0b5cad',
    fontSize: 28,
    borderRadius: 10,
    fontFamily: "'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",
  },
};

function Header({ unit }: { unit: CitizenView['unit'] | undefined }) {
  const { t } = useTranslation();
  return (
    <header
      style={{
        background: BLUE,
        color: '#fff',
        padding: '14px 32px',
        display: 'flex',
        alignItems: 'center',
        gap: 24,
      }}
    >
      <div style={{ ...big, fontWeight: 700, flex: 1 }} data-testid="citizen-unit">
        {unit?.name ?? t('citizen.title')}
      </div>
      {unit && (
        <div style={{ fontSize: 24 }}>
          {t('citizen.hotline')}: <b>{unit.hotline}</b> · {unit.switchboard}
        </div>
      )}
    </header>
  );
}

function Thanks() {
  const { t } = useTranslation();
  return (
    <div style={{ ...card, textAlign: 'center', padding: 64 }} data-testid="citizen-thanks">
      <h1 style={{ ...title, fontSize: 56, color: '#0b6b3a' }}>{t('citizen.thanks')}</h1>
      <p style={big}>{t('citizen.thanksHint')}</p>
    </div>
  );
}

function Body({ view }: { view: CitizenView }) {
  switch (view.phase) {
    case 'idle':
      return <IdleScreen unit={view.unit} />;
    case 'reception':
      return <ReceptionScreen view={view} />;
    case 'received':
      return <ReceivedScreen key={view.key} view={view} />;
    case 'thanks':
      return <Thanks />;
  }
}

function CitizenScreen({ link }: { link: CitizenLink }) {
  const { t } = useTranslation();
  const { status } = useStation();
  const view = useCitizenView();
  const pairing = status === 'no-token';
  return (
    <>
      <Header unit={pairing ? undefined : view?.unit} />
      <main
        style={{ padding: 28 }}
        data-testid="citizen-screen"
        data-phase={pairing ? 'pairing' : (view?.phase ?? 'loading')}
      >
        {status === 'lost' && (
          <div style={{ ...big, color: '#a15c00', marginBottom: 16 }}>{t('citizen.lost')}</div>
        )}
        {pairing ? <PairingScreen pair={link.pair} /> : view && <Body view={view} />}
      </main>
    </>
  );
}

/** Màn hình người dân: its own root, nothing of the clerk's screens (docs/architecture.md, "Citizen screen"). */
export function CitizenApp({ link }: { link: CitizenLink }) {
  return (
    <ConfigProvider locale={viVN} theme={theme}>
      <AntApp>
        <StationProvider connection={link.connection}>
          <div style={{ minHeight: '100vh', background: '#eef2f7', fontSize: 28 }}>
            <CitizenScreen link={link} />
          </div>
        </StationProvider>
      </AntApp>
    </ConfigProvider>
  );
}
