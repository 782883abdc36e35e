import { describe, expect, it } from 'vitest';
import type { DossierSummary } from '../../shared/api';
import {
  dossierInLines,
  idNumberIn,
  matchesQuery,
  passesFilter,
} from '../../renderer/src/screens/dossierFilter';

const NOW = new Date('2026-12-03T09:00:00+07:00');

function dossier(over: Partial<DossierSummary>): DossierSummary {
  return {
    id: 'd1',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    applicantName: 'Nguyễn Văn Ánh',
    status: 'received',
    pageCount: 2,
    createdAt: '2026-12-01T02:00:00.000Z',
    updatedAt: '2026-12-01T02:00:00.000Z',
    code: '000.00.00.H47-261201-0001',
    receivedAt: '2026-12-01T02:00:00.000Z',
    portalState: 'submitted',
    ...over,
  };
}

describe('finding a dossier in the Hồ sơ list', () => {
  const a = dossier({});
  const b = dossier({
    id: 'd2',
    applicantName: 'Trần Thị Bình',
    code: '000.00.00.H47-261203-0002',
    receivedAt: '2026-12-02T18:30:00.000Z', // 01:30 on 3 December at the counter
  });

  it('by the code typed in part or whole, in any case, and by the name without its marks', () => {
    expect(matchesQuery(a, '261201-0001')).toBe(true);
    expect(matchesQuery(b, '261201-0001')).toBe(false);
    expect(matchesQuery(a, '000.00.00.h47-261201-0001')).toBe(true);
    expect(matchesQuery(a, 'nguyen van anh')).toBe(true);
    expect(matchesQuery(b, 'TRAN THI')).toBe(true);
    expect(matchesQuery(b, 'nguyen')).toBe(false);
    expect(matchesQuery(b, '   ')).toBe(true);
  });

  it('by a whole ID number, through the dossiers the engine found for it', () => {
    expect(idNumberIn('049 090 001 234')).toBe('049090001234');
    expect(idNumberIn('0401234567-001')).toBe('0401234567-001');
    expect(idNumberIn('04909000')).toBeNull();
    expect(idNumberIn('261201-0001')).toBeNull();
    expect(matchesQuery(b, '049090001234', ['d2'])).toBe(true);
    expect(matchesQuery(a, '049090001234', ['d2'])).toBe(false);
  });

  it("by a receipt's QR as the reader types it: the code line, then the look-up link", () => {
    const lines = [b.code!, 'https://dichvucong.quangnam.gov.vn/tra-cuu?ma=000.00.00.H47-261203-0002'];
    expect(dossierInLines([a, b], lines)?.id).toBe('d2');
    expect(dossierInLines([a, b], ['000.00.00.H47-261203-0099'])).toBeNull();
    expect(dossierInLines([dossier({ code: null })], ['anything'])).toBeNull();
  });

  it('with the quick filters: today at the counter (+07:00), due soon, overdue, waiting, failed', () => {
    expect(passesFilter(a, 'all', null, NOW)).toBe(true);
    expect(passesFilter(a, 'today', null, NOW)).toBe(false);
    expect(passesFilter(b, 'today', null, NOW)).toBe(true);
    const draft = dossier({ receivedAt: null, createdAt: '2026-12-03T01:00:00.000Z' });
    expect(passesFilter(draft, 'today', null, NOW)).toBe(true);
    expect(passesFilter(a, 'due_soon', 'due_soon', NOW)).toBe(true);
    expect(passesFilter(a, 'due_soon', 'overdue', NOW)).toBe(false);
    expect(passesFilter(a, 'overdue', 'overdue', NOW)).toBe(true);
    expect(passesFilter(a, 'overdue', 'on_time', NOW)).toBe(false);
    expect(passesFilter(dossier({ status: 'awaiting_completion' }), 'awaiting', null, NOW)).toBe(true);
    expect(passesFilter(a, 'awaiting', null, NOW)).toBe(false);
    expect(passesFilter(dossier({ portalState: 'failed' }), 'failed', null, NOW)).toBe(true);
    expect(passesFilter(dossier({ portalState: 'retry' }), 'failed', null, NOW)).toBe(true);
    expect(passesFilter(a, 'failed', null, NOW)).toBe(false);
  });
});
