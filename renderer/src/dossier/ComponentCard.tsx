import { Alert, Card, Empty, Flex, Tag, Typography } from 'antd';
import type { ImagingProgress } from '../../../shared/api/rooms/imaging';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierComponent } from '../../../shared/api';
import { ScanPanel } from '../scan/ScanPanel';
import { ComponentStatus } from './ComponentStatus';
import { DeletedPages } from './DeletedPages';
import { PageDropZone } from './PageDropZone';
import { PageStrip } from './PageStrip';
import { PdfBar } from '../documents/PdfBar';
import { usePageActions } from './usePageActions';
import { useAddPages } from './useAddPages';

interface Props {
  dossierId: string;
  component: DossierComponent;
  onDossier: (dossier: Dossier) => void;
  procedureCode?: string;
  firstComponent?: boolean;
  /** The dossier's cleanup and OCR progress (this component's counts are picked from it). */
  progress?: ImagingProgress;
  /** The dossier's other components (a page can be moved into one of them). */
  otherComponents?: { code: string; name: string }[];
  /** Received and no correction open: a record, shown but not changed (the engine refuses with dossier_locked). */
  locked?: boolean;
}

export function ComponentCard({
  dossierId,
  component,
  onDossier,
  procedureCode,
  firstComponent,
  progress,
  otherComponents,
  locked = false,
}: Props) {
  const { t } = useTranslation();
  const actions = usePageActions(dossierId, component, onDossier);
  const [addingText, setAddingText] = useState<string | null>(null);
  const addPages = useAddPages(dossierId, component, onDossier, setAddingText);
  const count = component.pages.length;

  return (
    <Card
      data-testid={`component-${component.code}`}
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {component.name}
          </Typography.Text>
          {component.required && <Tag color="red">{t('component.required')}</Tag>}
          {component.copies > 1 && <Tag>{t('component.copies', { count: component.copies })}</Tag>}
        </Flex>
      }
      extra={
        <ComponentStatus
          component={component}
          counts={progress?.components.find((c) => c.code === component.code)}
          ocrEnabled={progress?.ocrEnabled ?? false}
        />
      }
    >
      <Flex vertical gap={16}>
        {/* The scan and import controls first: on screen at 1280×720 however many pages there are. */}
        {locked ? (
          <Alert type="info" showIcon message={t('component.locked')} data-testid="component-locked" />
        ) : (
          <>
            <ScanPanel
              dossierId={dossierId}
              procedureCode={procedureCode ?? ''}
              componentCode={component.code}
              componentName={component.name}
              first={firstComponent ?? false}
              pageIds={component.pages.map((p) => p.id)}
              onDossier={onDossier}
            />
            <PageDropZone onFiles={addPages} busyText={addingText} />
          </>
        )}
        {count > 0 ? (
          <PageStrip
            dossierId={dossierId}
            component={component}
            actions={actions}
            otherComponents={otherComponents ?? []}
            locked={locked}
          />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('component.noPages')}
            style={{ margin: 0 }}
          />
        )}
        {!locked && (
          <DeletedPages
            dossierId={dossierId}
            componentCode={component.code}
            componentName={component.name}
            onDossier={onDossier}
          />
        )}
        <PdfBar dossierId={dossierId} component={component} onDossier={onDossier} />
      </Flex>
    </Card>
  );
}
