import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenView } from '../../../shared/api/rooms/citizen';
import { formatDateTime } from '../util/format';
import { ComponentList } from './ComponentList';
import { FeeBox } from './FeeBox';
import { QrImage } from './QrImage';
import { RatingPanel, ReasonsScreen } from './RatingPanel';
import { big, card, subtle, title } from './styles';

type Reception = Extract<CitizenView, { phase: 'reception' }>;
type Received = Extract<CitizenView, { phase: 'received' }>;

function Heading({ view }: { view: Reception | Received }) {
  const { t } = useTranslation();
  return (
    <div>
      <div style={subtle}>{t('citizen.procedure')}</div>
      <h1 style={title} data-testid="citizen-procedure">
        {view.procedureName}
      </h1>
      {view.applicantId && (
        <div style={subtle}>
          {t('citizen.applicantId')}: <span data-testid="citizen-applicant-id">{view.applicantId}</span>
        </div>
      )}
    </div>
  );
}

/** Being scanned: the components with their ticks, what is still missing, the pages, the fee. */
export function ReceptionScreen({ view }: { view: Reception }) {
  const { t } = useTranslation();
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: '1.7fr 1fr', gap: 28 }}
      data-testid="citizen-reception"
    >
      <div style={{ ...card, display: 'flex', flexDirection: 'column', gap: 18 }}>
        <Heading view={view} />
        <div style={{ ...big, fontWeight: 700 }}>{t('citizen.components')}</div>
        <ComponentList components={view.components} />
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 20 }}>
        <div style={{ ...card, ...big }} data-testid="citizen-missing">
          {view.missing.length === 0 ? (
            <span style={{ color: '#0b6b3a', fontWeight: 700 }}>✓ {t('citizen.nothingMissing')}</span>
          ) : (
            <>
              <b style={{ color: '#b42318' }}>{t('citizen.missing')}:</b>
              <ul style={{ margin: '8px 0 0', paddingInlineStart: 32 }}>
                {view.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
          <div style={{ ...subtle, marginTop: 12 }}>
            {t('citizen.totalPages')}: <b data-testid="citizen-page-count">{view.pageCount}</b>
          </div>
        </div>
        <FeeBox fee={view.fee} received={false} />
      </div>
    </div>
  );
}

/** Received: the code, the appointment, the receipt's QR, the fee; the rating beside them. */
export function ReceivedScreen({ view }: { view: Received }) {
  const { t } = useTranslation();
  // "Không hài lòng": the reasons take the whole screen (big enough to touch).
  const [asking, setAsking] = useState(false);
  if (asking && !view.rated) return <ReasonsScreen view={view} onBack={() => setAsking(false)} />;
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: '1.45fr 1fr 1fr', gap: 24 }}
      data-testid="citizen-received"
    >
      <div style={{ ...card, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <div style={{ ...big, color: '#0b6b3a', fontWeight: 700 }}>✓ {t('citizen.receivedTitle')}</div>
        <div style={subtle}>{view.procedureName}</div>
        <div style={subtle}>{t('citizen.code')}</div>
        <div
          style={{ fontSize: 28, fontWeight: 700, fontFamily: 'monospace', overflowWrap: 'anywhere' }}
          data-testid="citizen-code"
        >
          {view.code}
        </div>
        <div style={subtle}>{t('citizen.appointment')}</div>
        <div style={{ fontSize: 32, fontWeight: 700 }} data-testid="citizen-appointment">
          {view.appointmentAt ? formatDateTime(view.appointmentAt) : '—'}
        </div>
        <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
          <QrImage text={view.lookupQr} size={150} testId="citizen-receipt-qr" />
          <div style={{ ...subtle, fontSize: 22 }}>{t('citizen.receiptQr')}</div>
        </div>
      </div>
      <FeeBox fee={view.fee} received />
      <RatingPanel view={view} onUnsatisfied={() => setAsking(true)} />
    </div>
  );
}
