/** What the dossier screen says of a stop notice once issued (merged into ./ui.ts as `stopShown`). */
export const stopShownVi = {
  last: 'Đã thông báo dừng giải quyết hồ sơ lúc {{at}} ({{by}}). Lý do: {{reason}}',
  count: 'Đã lập {{count}} thông báo dừng; thông báo gần nhất lúc {{at}} ({{by}}). Lý do: {{reason}}',
  /** The dossier once stopped (an ending: nothing more is done, the portal holds "dừng xử lý"). */
  ended:
    'Hồ sơ đã dừng giải quyết lúc {{at}} (cán bộ lập thông báo: {{by}}). Lý do: {{reason}}. Cổng dịch vụ công được báo "Dừng xử lý"; không trả kết quả cho hồ sơ này.',
  /** The outbox step that carries it. */
  event: 'Báo dừng giải quyết',
};

export const stopShownEn: typeof stopShownVi = {
  last: 'Notice that processing stops issued at {{at}} ({{by}}). Reason: {{reason}}',
  count: '{{count}} stop notices issued; the latest at {{at}} ({{by}}). Reason: {{reason}}',
  ended:
    'Processing of the dossier stopped at {{at}} (notice issued by {{by}}). Reason: {{reason}}. The portal is told "Processing stopped"; no result is handed over for this dossier.',
  event: 'Processing stopped',
};
