/** The dossier's endings — refusal after reception and withdrawal by the citizen (merged into ./ui.ts as `endings`). */
export const endingsVi = {
  status: {
    refused: 'Đã từ chối giải quyết',
    withdrawn: 'Đã rút hồ sơ',
    stopped: 'Đã dừng giải quyết',
  },
  withdraw: 'Rút hồ sơ',
  refuse: 'Từ chối giải quyết',
  withdrawTitle: 'Rút hồ sơ {{code}}',
  refuseTitle: 'Từ chối giải quyết hồ sơ {{code}}',
  withdrawHint:
    'Người dân đề nghị rút hồ sơ. Hồ sơ kết thúc tại đây: Cổng dịch vụ công được báo "Rút hồ sơ", không gửi thêm gì và không trả kết quả cho hồ sơ này nữa. Không hoàn tác được.',
  refuseHint:
    'Hồ sơ không đủ điều kiện giải quyết. Hồ sơ kết thúc tại đây: Cổng dịch vụ công được báo "Từ chối", có thể in phiếu từ chối (mẫu 03). Không hoàn tác được.',
  reason: 'Lý do',
  reasonRule: 'Từ 10 đến 2000 ký tự; được lưu vào hồ sơ và gửi lên Cổng dịch vụ công.',
  confirmWithdraw: 'Xác nhận rút hồ sơ',
  confirmRefuse: 'Xác nhận từ chối',
  back: 'Quay lại',
  withdrawn: 'Người dân đã rút hồ sơ lúc {{at}} (cán bộ ghi nhận: {{by}}). Lý do: {{reason}}',
  refused: 'Hồ sơ đã bị từ chối giải quyết lúc {{at}} (cán bộ: {{by}}). Lý do: {{reason}}',
  doneWithdraw: 'Đã rút hồ sơ {{code}}. Cổng dịch vụ công sẽ được báo.',
  doneRefuse: 'Đã từ chối giải quyết hồ sơ {{code}}. Cổng dịch vụ công sẽ được báo.',
  form03: 'In phiếu từ chối (mẫu 03)',
};

export const endingsEn: typeof endingsVi = {
  status: {
    refused: 'Refused',
    withdrawn: 'Withdrawn',
    stopped: 'Processing stopped',
  },
  withdraw: 'Withdraw the dossier',
  refuse: 'Refuse the dossier',
  withdrawTitle: 'Withdraw dossier {{code}}',
  refuseTitle: 'Refuse dossier {{code}}',
  withdrawHint:
    'The citizen asks to withdraw the dossier. It ends here: the portal is told "Withdrawn", nothing more is sent and no result is handed over for it. This cannot be undone.',
  refuseHint:
    'The dossier does not qualify. It ends here: the portal is told "Refused", and the refusal (form 03) can be printed. This cannot be undone.',
  reason: 'Reason',
  reasonRule: '10 to 2000 characters; kept with the dossier and sent to the portal.',
  confirmWithdraw: 'Withdraw',
  confirmRefuse: 'Refuse',
  back: 'Back',
  withdrawn: 'The citizen withdrew the dossier at {{at}} (recorded by {{by}}). Reason: {{reason}}',
  refused: 'The dossier was refused at {{at}} (by {{by}}). Reason: {{reason}}',
  doneWithdraw: 'Dossier {{code}} withdrawn. The portal will be told.',
  doneRefuse: 'Dossier {{code}} refused. The portal will be told.',
  form03: 'Print the refusal (form 03)',
};
