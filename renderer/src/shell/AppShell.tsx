import {
  BarChartOutlined,
  FileAddOutlined,
  FolderOpenOutlined,
  MailOutlined,
  SendOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Layout, Menu, type MenuProps, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayVisit } from '../accounts/AccountsContext';
import { useEvent, useQuery } from '../api/hooks';
import { DossierWorkspace } from '../dossier/DossierWorkspace';
import { DossiersScreen } from '../screens/DossiersScreen';
import { OutboxScreen } from '../outbox/OutboxScreen';
import { FiguresScreen } from '../reports/FiguresScreen';
import { ReceptionScreen } from '../screens/ReceptionScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { PostScreen } from '../post/PostScreen';
import { navigate, type Place, places, type Route, useRoute } from '../util/route';
import { ConnectionBanner } from './ConnectionBanner';
import { StationHeader } from './StationHeader';
import { usePlaceShortcuts } from './usePlaceShortcuts';

const icons: Record<Place, ReactNode> = {
  reception: <FileAddOutlined />,
  dossiers: <FolderOpenOutlined />,
  outbox: <SendOutlined />,
  figures: <BarChartOutlined />,
  settings: <SettingOutlined />,
  post: <MailOutlined />,
};

function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('accounts.forbiddenTitle')} subTitle={t('accounts.forbiddenHint')} />;
}

function Screen({ route }: { route: Route }) {
  const mayVisit = useMayVisit();
  if (!mayVisit(route.place)) return <Forbidden />;
  if (route.dossierId) return <DossierWorkspace key={route.dossierId} dossierId={route.dossierId} />;
  switch (route.place) {
    case 'reception':
      return <ReceptionScreen />;
    case 'dossiers':
      return <DossiersScreen />;
    case 'outbox':
      return <OutboxScreen />;
    case 'figures':
      return <FiguresScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'post':
      return <PostScreen />;
  }
}

export function AppShell() {
  const { t } = useTranslation();
  const route = useRoute();
  const info = useQuery('app.info', {});
  useEvent('settings.changed', () => info.reload()); // e.g. the training-mode tag after the portal is saved
  usePlaceShortcuts();

  const mayVisit = useMayVisit();
  const items: MenuProps['items'] = places.flatMap((place, i) =>
    mayVisit(place)
      ? [
          {
            key: place,
            icon: icons[place],
            label: t(`nav.${place}`),
            title: `${t(`nav.${place}`)} — ${t('nav.shortcut', { n: i + 1 })}`,
            'data-testid': `nav-${place}`,
          },
        ]
      : [],
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <StationHeader trainingMode={info.data?.trainingMode ?? false} />
      <Layout>
        <Layout.Sider width={220} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <Menu
            mode="inline"
            selectedKeys={[route.place]}
            items={items}
            onClick={({ key }) => navigate({ place: key as Place })}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, background: '#f5f7fa' }}>
          <ConnectionBanner />
          <Screen route={route} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
