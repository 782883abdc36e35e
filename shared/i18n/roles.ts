import type { Role } from '../api/define';

/** The roles as a Vietnamese counter names them (in messages and on screen). */
export const ROLE_LABEL: Record<Role, string> = {
  public: 'mọi người',
  clerk: 'cán bộ tiếp nhận',
  supervisor: 'lãnh đạo bộ phận',
  admin: 'quản trị',
};
