import { useTranslation } from 'react-i18next';
import type { CitizenFee } from '../../../shared/api/rooms/citizen';
import { useVnd } from '../payment/FeeActions';
import { QrImage } from './QrImage';
import { big, card, subtle } from './styles';

/** Lệ phí and how to pay it: a VietQR transfer once the dossier has its code, or the portal's link. */
export function FeeBox({ fee, received }: { fee: CitizenFee; received: boolean }) {
  const { t } = useTranslation();
  const vnd = useVnd();
  return (
    <div style={{ ...card, display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="citizen-fee">
      <div style={big}>
        {t('citizen.fee')}:{' '}
        <b data-testid="citizen-fee-amount">{fee.feeVnd > 0 ? vnd(fee.feeVnd) : t('citizen.free')}</b>
      </div>
      {fee.postalChargeVnd > 0 && (
        <div style={subtle}>{t('citizen.postal', { amount: vnd(fee.postalChargeVnd) })}</div>
      )}
      {fee.paid && <div style={{ ...big, color: '#0b6b3a', fontWeight: 700 }}>✓ {t('citizen.paid')}</div>}
      {!fee.paid && fee.feeVnd > 0 && !received && <div style={subtle}>{t('citizen.payAfter')}</div>}
      {!fee.paid && fee.vietqr && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, alignItems: 'center' }}>
          <QrImage text={fee.vietqr.payload} size={220} testId="citizen-vietqr" />
          <div style={{ ...subtle, fontSize: 22, textAlign: 'center' }}>
            {t('citizen.vietqr')}
            {fee.vietqr.accountName && <div>{t('citizen.vietqrTo', { name: fee.vietqr.accountName })}</div>}
          </div>
        </div>
      )}
      {!fee.paid && !fee.vietqr && fee.payUrl && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, alignItems: 'center' }}>
          <QrImage text={fee.payUrl} size={220} testId="citizen-paylink" />
          <div style={{ ...subtle, fontSize: 22, textAlign: 'center' }}>{t('citizen.payLink')}</div>
        </div>
      )}
    </div>
  );
}
