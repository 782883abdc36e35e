import type { AuditProblem } from '../api/rooms/audit';
import { vnDateTime } from '../domain/vn-time';
import type { Lang } from './errors';

/** As every time on screen (shared/domain/vn-time.ts). */
const dmy = (iso: string | null) => (iso ? vnDateTime(iso) : '');

/** One problem of the audit trail in words a supervisor can act on. */
export function auditProblemText(p: AuditProblem, lang: Lang = 'vi'): string {
  const seq = p.seq ?? '?';
  if (lang === 'en') {
    switch (p.kind) {
      case 'edited':
        return `The log was edited at entry ${seq}: it was changed after it was written.`;
      case 'removed':
        return `The log was cut or reordered at entry ${seq}: an entry before it was removed or moved.`;
      case 'cut':
        return `The newest entries were removed or an older database was put back: ${p.found ?? '?'} of ${p.expected ?? '?'} entries found (${dmy(p.at)}).`;
      case 'anchor_missing':
        return `The sealed reference of the log was missing (${dmy(p.at)}): the key folder was cleared or the data folder was moved.`;
    }
  }
  switch (p.kind) {
    case 'edited':
      return `Nhật ký đã bị sửa tại mục ${seq}: nội dung mục này đã bị thay đổi sau khi ghi.`;
    case 'removed':
      return `Nhật ký đã bị xóa hoặc đảo tại mục ${seq}: một mục trước mục này đã bị xóa hoặc đổi chỗ.`;
    case 'cut':
      return `Nhật ký không còn khớp mốc đối chiếu: chỉ còn ${p.found ?? '?'}/${p.expected ?? '?'} mục — các mục mới nhất đã bị xóa hoặc một cơ sở dữ liệu cũ hơn đã được chép đè (phát hiện lúc ${dmy(p.at)}).`;
    case 'anchor_missing':
      return `Mốc đối chiếu của nhật ký bị mất (phát hiện lúc ${dmy(p.at)}): thư mục khóa đã bị xóa hoặc thư mục dữ liệu bị chuyển đi. Hãy báo bộ phận kỹ thuật.`;
  }
}
