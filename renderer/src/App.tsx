import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useTranslation } from 'react-i18next';
import type { StationConnection } from './api/connection';
import { StationProvider } from './api/StationContext';
import { AccountsGate } from './accounts/AccountsGate';
import { AppShell } from './shell/AppShell';

const theme = {
  token: {
    colorPrimary: '#0b5cad',
    borderRadius: 6,
    fontFamily: "'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",
  },
};

export function App({ connection }: { connection: StationConnection }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme}>
      <AntApp>
        <StationProvider connection={connection}>
          <AccountsGate>
            <AppShell />
          </AccountsGate>
        </StationProvider>
      </AntApp>
    </ConfigProvider>
  );
}
