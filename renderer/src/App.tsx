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
    // Secondary text (hints, labels, steps still to come) dark enough to read: contrast ≥ 4.5:1 (WCAG AA).
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorLink: '#0b5cad',
    colorError: '#cf1322',
    // A clerk who asked the system for less motion gets none (and colours never seen half-way).
    motion: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
  },
  components: {
    // An empty table's sentence ("Không có hồ sơ gửi lỗi.") is read, not greyed out.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.55)' },
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
