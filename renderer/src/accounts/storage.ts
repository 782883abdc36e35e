/**
 * What this browser tab remembers across a reload (sessionStorage: gone when the
 * tab or the app closes): the signed-in session, and the training-mode trial
 * without accounts.
 */
import { Session } from '../../../shared/api/rooms/accounts';

const SESSION_KEY = 'sohoa.session';
const TRIAL_KEY = 'sohoa.trial';

export function savedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    const parsed = raw ? Session.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The audit problems are told once, at sign-in; they are not kept. */
export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify({ ...session, auditProblems: [] }));
  else sessionStorage.removeItem(SESSION_KEY);
}

export const isTrial = (): boolean => sessionStorage.getItem(TRIAL_KEY) === '1';
export const startTrial = (): void => sessionStorage.setItem(TRIAL_KEY, '1');
