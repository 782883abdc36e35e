/** What the dossier screen says of a stop notice once issued (merged into ./ui.ts as `stopShown`). */
export const stopShownVi = {
  last: 'Đã thông báo dừng giải quyết hồ sơ lúc {{at}} ({{by}}). Lý do: {{reason}}',
  count: 'Đã lập {{count}} thông báo dừng; thông báo gần nhất lúc {{at}} ({{by}}). Lý do: {{reason}}',
};

export const stopShownEn: typeof stopShownVi = {
  last: 'Notice that processing stops issued at {{at}} ({{by}}). Reason: {{reason}}',
  count: '{{count}} stop notices issued; the latest at {{at}} ({{by}}). Reason: {{reason}}',
};
