import { ReloadOutlined, ScanOutlined, StarFilled, StarOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Select, Spin, Tag, Tooltip, Typography } from 'antd';
import { type DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Dossier } from '../../../shared/api';
import type { ColorMode, ScanProgress, ScanSource } from '../../../shared/api/rooms/scan';
import { useAttempt, useErrorParts, useErrorText, useEvent } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { PAGE_DRAG_TYPE } from '../dossier/PageThumb';
import { bestDossierDpi, dossierDpis } from './dpi';
import { ScanSettingsButton } from './ScanSettingsButton';
import { lastDevice, rememberDevice, setActiveComponent, useScanShared } from './store';
import { ErrorDetail, ErrorNotice } from '../util/ErrorNotice';

interface Props {
  dossierId: string;
  procedureCode: string;
  componentCode: string;
  componentName: string;
  /** The first component is the one F8 scans into until the clerk picks another. */
  first: boolean;
  /** This component's pages: a page of another component dropped here moves here. */
  pageIds?: string[];
  onDossier?: (dossier: Dossier) => void;
}

interface Job {
  id: string | null;
  pages: number;
  folder: boolean;
}

const SOURCES: ScanSource[] = ['adf', 'adf-duplex', 'flatbed'];
const MODES: ColorMode[] = ['gray', 'color', 'lineart'];

/** The scan panel of one component (thành phần): device, profile, Scan, live count, cancel, errors. */
export function ScanPanel({
  dossierId,
  procedureCode,
  componentCode,
  componentName,
  first,
  pageIds = [],
  onDossier,
}: Props) {
  const { t } = useTranslation();
  const { client } = useStation();
  const { message, notification } = App.useApp();
  const errorText = useErrorText();
  const errorParts = useErrorParts();
  const attempt = useAttempt();
  const shared = useScanShared();
  const [deviceId, setDeviceId] = useState<string | undefined>();
  const [profileId, setProfileId] = useState<string>('');
  const [source, setSource] = useState<ScanSource>('adf');
  const [dpi, setDpi] = useState(300);
  const [mode, setMode] = useState<ColorMode>('gray');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<{ error: AppError; pages: number } | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const jobRef = useRef<Job | null>(null);
  jobRef.current = job;

  const devices = useMemo(() => shared.devices ?? [], [shared.devices]);
  const device = devices.find((d) => d.id === deviceId);
  const defaultProfile = shared.defaults.find(
    (d) => d.procedureCode === procedureCode && d.componentCode === componentCode,
  )?.profileId;
  const isActive = shared.active === componentCode || (shared.active === null && first);

  // First choice: the component's default profile, else the scanner used last, else the first one listed.
  useEffect(() => {
    if (deviceId !== undefined || !shared.profilesLoaded) return;
    const profile = shared.profiles.find((p) => p.id === defaultProfile);
    if (profile) {
      setProfileId(profile.id);
      setDeviceId(profile.deviceId);
      setSource(profile.source);
      setDpi(profile.dpi);
      setMode(profile.mode);
      return;
    }
    const last = lastDevice();
    const d = devices.find((x) => x.id === last) ?? (last ? undefined : devices[0]);
    if (!last && !d) return;
    setDeviceId(d?.id ?? last);
    if (!d) return;
    setSource(d.sources.includes('adf') ? 'adf' : (d.sources[0] ?? 'flatbed'));
    setDpi(bestDossierDpi(d?.resolutions, 300));
    setMode(d.modes.includes('gray') ? 'gray' : (d.modes[0] ?? 'gray'));
  }, [deviceId, devices, shared.profiles, shared.profilesLoaded, defaultProfile]);

  const pickProfile = (id: string) => {
    setProfileId(id);
    const p = shared.profiles.find((x) => x.id === id);
    if (!p) return;
    setDeviceId(p.deviceId);
    setSource(p.source);
    setDpi(p.dpi);
    setMode(p.mode);
  };
  const pickDevice = (id: string) => {
    setProfileId('');
    setDeviceId(id);
    const d = devices.find((x) => x.id === id);
    if (d && !d.sources.includes(source)) setSource(d.sources[0] ?? 'flatbed');
    if (d && d.modes.length && !d.modes.includes(mode)) setMode(d.modes[0] ?? 'gray');
    setDpi(bestDossierDpi(d?.resolutions, dpi));
  };

  useEvent('scan.progress', (e: ScanProgress) => {
    if (e.dossierId !== dossierId || e.componentCode !== componentCode) return;
    const current = jobRef.current;
    if (!current || (current.id !== null && current.id !== e.jobId)) return;
    if (e.state === 'page' && e.error) {
      const refused = errorParts(e.error);
      notification.warning({
        title: t('scan.pageRefused'),
        description: (
          <>
            {refused.text}
            <ErrorDetail detail={refused.detail} />
          </>
        ),
        placement: 'bottomRight',
      });
    }
    if (e.state === 'scanning' || e.state === 'page') {
      setJob({ ...current, id: e.jobId, pages: e.pages });
      return;
    }
    setJob(null);
    if (e.state === 'done') message.success(t('scan.done', { count: e.pages, name: componentName }));
    if (e.state === 'cancelled') message.info(t('scan.cancelled', { count: e.pages }));
    if (e.state === 'failed' && e.error) setError({ error: e.error, pages: e.pages });
  });

  const start = () => {
    if (!deviceId || jobRef.current) return;
    setActiveComponent(componentCode);
    rememberDevice(deviceId);
    setError(null);
    const pending: Job = { id: null, pages: 0, folder: deviceId.startsWith('folder:') };
    setJob(pending);
    const settings = { deviceId, source, dpi, mode };
    void attempt(async () => {
      const { jobId } = await client.call('scan.start', { dossierId, componentCode, settings });
      setJob((j) => (j && j.id === null ? { ...j, id: jobId } : j));
    }).then((started) => started || setJob(null));
  };
  const cancel = () => {
    const id = jobRef.current?.id;
    if (id) void client.call('scan.cancel', { jobId: id });
  };

  // F8 scans into the selected component.
  const startRef = useRef(start);
  startRef.current = start;
  useEffect(() => {
    if (!isActive) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8' || e.repeat) return;
      e.preventDefault();
      startRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isActive]);

  const saveProfile = (name: string) =>
    attempt(async () => {
      const saved = await client.call('scan.profile.save', {
        name,
        deviceId: deviceId ?? '',
        source,
        dpi,
        mode,
      });
      shared.loadProfiles();
      setProfileId(saved.id);
      message.success(t('scan.profileSaved', { name: saved.name }));
      setNaming(null);
    });
  const toggleDefault = () =>
    attempt(async () => {
      const defaults = await client.call('scan.default.set', {
        procedureCode,
        componentCode,
        profileId: defaultProfile === profileId ? null : profileId,
      });
      shared.setDefaults(defaults);
    });

  const isForeignPage = (e: DragEvent<HTMLElement>) => e.dataTransfer.types.includes(PAGE_DRAG_TYPE);
  const onDrop = (e: DragEvent<HTMLElement>) => {
    setDropping(false);
    const pageId = e.dataTransfer.getData(PAGE_DRAG_TYPE);
    if (!pageId || pageIds.includes(pageId)) return;
    e.preventDefault();
    void attempt(async () => onDossier?.(await client.call('scan.page.move', { pageId, componentCode })), {
      success: t('scan.moved', { name: componentName }),
    });
  };

  const busy = job !== null;
  const sources = device ? SOURCES.filter((s) => device.sources.includes(s)) : SOURCES;
  const modes = device?.modes.length ? MODES.filter((m) => device.modes.includes(m)) : MODES;
  const dpis = dossierDpis(device?.resolutions);

  return (
    <Flex
      vertical
      gap={8}
      data-testid={`scan-panel-${componentCode}`}
      onMouseDownCapture={() => setActiveComponent(componentCode)}
      onFocusCapture={() => setActiveComponent(componentCode)}
      onDragOver={(e) => {
        if (!isForeignPage(e)) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
      style={{
        outline: dropping ? '2px dashed #0b5cad' : undefined,
        padding: 12,
        borderRadius: 8,
        background: isActive ? '#f0f6ff' : '#fafafa',
        border: `1px solid ${isActive ? '#91caff' : '#f0f0f0'}`,
      }}
    >
      <Flex gap={8} wrap align="center">
        <Select
          style={{ minWidth: 220, flex: 1 }}
          aria-label={t('scan.device')}
          data-testid={`scan-device-${componentCode}`}
          placeholder={t('scan.device')}
          value={deviceId}
          onChange={pickDevice}
          disabled={busy}
          loading={shared.loadingDevices}
          notFoundContent={t('scan.noDevice')}
          onOpenChange={(open) => open && shared.ensureDevices()}
          onFocus={shared.ensureDevices}
          options={[
            ...devices.map((d) => ({ value: d.id, label: `${d.name} — ${d.id}` })),
            ...(deviceId && !devices.some((d) => d.id === deviceId)
              ? [{ value: deviceId, label: deviceId }]
              : []),
          ]}
        />
        <Tooltip title={t('scan.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('scan.refresh')}
            onClick={() => shared.loadDevices(false)}
            disabled={busy}
          />
        </Tooltip>
        <ScanSettingsButton
          onSaved={() => shared.loadDevices(false)}
          onSearchNetwork={() => shared.loadDevices(true)}
        />
        <Select
          style={{ minWidth: 200 }}
          aria-label={t('scan.profile')}
          data-testid={`scan-profile-${componentCode}`}
          value={profileId}
          onChange={pickProfile}
          disabled={busy}
          options={[
            { value: '', label: t('scan.custom') },
            ...shared.profiles.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        {profileId && (
          <Tooltip title={defaultProfile === profileId ? t('scan.isDefault') : t('scan.makeDefault')}>
            <Button
              aria-label={t('scan.makeDefault')}
              data-testid={`scan-default-${componentCode}`}
              icon={
                defaultProfile === profileId ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />
              }
              onClick={() => void toggleDefault()}
            />
          </Tooltip>
        )}
      </Flex>
      <Flex gap={8} wrap align="center">
        <Select
          style={{ minWidth: 190 }}
          aria-label={t('scan.source')}
          data-testid={`scan-source-${componentCode}`}
          value={source}
          disabled={busy}
          onChange={(v: ScanSource) => (setSource(v), setProfileId(''))}
          options={sources.map((s) => ({ value: s, label: t(`scan.source_${s}`) }))}
        />
        <Select
          style={{ width: 110 }}
          aria-label={t('scan.dpi')}
          value={dpi}
          disabled={busy}
          onChange={(v: number) => (setDpi(v), setProfileId(''))}
          options={dpis.map((d) => ({ value: d, label: `${d} dpi` }))}
        />
        <Select
          style={{ width: 120 }}
          aria-label={t('scan.mode')}
          value={mode}
          disabled={busy}
          onChange={(v: ColorMode) => (setMode(v), setProfileId(''))}
          options={modes.map((m) => ({ value: m, label: t(`scan.mode_${m}`) }))}
        />
        {!profileId && deviceId && (
          <Button
            data-testid={`scan-save-profile-${componentCode}`}
            disabled={busy || dpi < 200}
            onClick={() => setNaming('')}
            title={dpi < 200 ? t('scan.minDpi') : undefined}
          >
            {t('scan.saveProfile')}
          </Button>
        )}
        <Flex gap={8} align="center" style={{ marginInlineStart: 'auto' }}>
          {busy ? (
            <>
              <Spin size="small" />
              <Typography.Text data-testid={`scan-progress-${componentCode}`}>
                {t(job.folder ? 'scan.waitingFolder' : 'scan.scanning', { count: job.pages })}
              </Typography.Text>
              <Button
                danger
                icon={<StopOutlined />}
                onClick={cancel}
                disabled={!job.id}
                data-testid={`scan-cancel-${componentCode}`}
              >
                {t('scan.cancel')}
              </Button>
            </>
          ) : (
            <Tooltip title={t('scan.scanHint')}>
              <Button
                type="primary"
                icon={<ScanOutlined />}
                onClick={start}
                disabled={!deviceId}
                data-testid={`scan-start-${componentCode}`}
              >
                {t('scan.scan')}
                {isActive && <Tag style={{ marginInlineStart: 8, marginInlineEnd: 0 }}>F8</Tag>}
              </Button>
            </Tooltip>
          )}
        </Flex>
      </Flex>
      {shared.devicesError && <ErrorNotice type="warning" error={shared.devicesError} style={{}} />}
      {shared.devices && devices.length === 0 && !shared.loadingDevices && (
        <Alert type="info" showIcon title={t('scan.noDevice')} />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setError(null)}
          data-testid={`scan-error-${componentCode}`}
          title={error.pages > 0 ? t('scan.failedTitle', { count: error.pages }) : t('scan.failedNone')}
          description={errorText(error.error)}
        />
      )}
      <Modal
        open={naming !== null}
        title={t('scan.saveProfile')}
        onCancel={() => setNaming(null)}
        onOk={() => void saveProfile(naming ?? '')}
        okButtonProps={{ disabled: !naming?.trim() }}
      >
        <Input
          autoFocus
          placeholder={t('scan.profileName')}
          value={naming ?? ''}
          maxLength={80}
          onChange={(e) => setNaming(e.target.value)}
          onPressEnter={() => naming?.trim() && void saveProfile(naming)}
        />
      </Modal>
    </Flex>
  );
}
