import { Flex, Spin } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { Account, Session } from '../../../shared/api/rooms/accounts';
import { useConnection, useStation } from '../api/StationContext';
import { ConnectionBanner } from '../shell/ConnectionBanner';
import { navigate } from '../util/route';
import { AccountsContext, type AccountsApi } from './AccountsContext';
import { AuditProblemsModal } from './AuditProblemsModal';
import { LockOverlay } from './LockOverlay';
import { Overlay, Page } from './Overlay';
import { SignInScreen } from './SignInScreen';
import { SetupWizard } from '../setup/SetupWizard';
import { isTrial, savedSession, saveSession } from './storage';
import { useIdleLock } from './useIdleLock';

/** What the station shows before the app: the first start, the sign-in screen, or the app itself. */
type Phase = 'loading' | 'setup' | 'signIn' | 'open';
/** Over the app, which stays mounted (what was on screen is kept). */
type Cover = 'lock' | 'signIn' | null;

/**
 * Who is at the screen: on every (re)connect `accounts.status` decides between the
 * first start, the sign-in screen and the app; a call refused for a missing or
 * locked session, Ctrl+L and the idle timer bring the sign-in or the lock over the app.
 */
export function AccountsGate({ children }: { children: ReactNode }) {
  const connection = useConnection();
  const { status, generation } = useStation();
  const [phase, setPhase] = useState<Phase>('loading');
  const [cover, setCover] = useState<Cover>(null);
  const [session, setSessionState] = useState<Session | null>(() => {
    const s = savedSession();
    connection.setSession(s?.token ?? null);
    return s;
  });
  const [trainingMode, setTrainingMode] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const adopt = useCallback(
    (s: Session | null) => {
      connection.setSession(s?.token ?? null);
      saveSession(s);
      setSessionState(s);
    },
    [connection],
  );

  // Every (re)connect: is there still a station without accounts, a valid session, a locked one?
  useEffect(() => {
    if (status !== 'open') return;
    let live = true;
    void (async () => {
      try {
        const st = await connection.call('accounts.status', {});
        if (!live) return;
        if (!st.hasAccounts) {
          adopt(null);
          if (isTrial()) return setPhase('open');
          const info = await connection.call('app.info', {});
          if (!live) return;
          setTrainingMode(info.trainingMode);
          return setPhase('setup');
        }
        if (st.me) {
          const me = st.me;
          setSessionState((s) => {
            const next = s && { ...s, account: me };
            saveSession(next);
            return next;
          });
          return setPhase('open');
        }
        if (st.locked) {
          setPhase('open');
          return setCover((c) => c ?? 'lock');
        }
        // Accounts, but no valid session (never signed in, or the engine restarted).
        // Over the app when it is open (shown only then), else instead of it.
        setCover('signIn');
        setPhase((p) => (p === 'open' ? p : 'signIn'));
      } catch {
        // The link dropped again: the next connect asks once more.
      }
    })();
    return () => {
      live = false;
    };
  }, [connection, status, generation, adopt]);

  useEffect(
    () => connection.onAuthProblem((p) => setCover((c) => (p === 'auth_locked' ? (c ?? 'lock') : 'signIn'))),
    [connection],
  );

  const signedIn = useCallback(
    (s: Session) => {
      adopt(s);
      setPhase('open');
      setCover(null);
      if (s.auditProblems.length > 0) setProblems(s.auditProblems);
      // What failed while nobody was signed in is fetched again.
      connection.refresh();
    },
    [adopt, connection],
  );

  const leave = useCallback(() => {
    void connection.call('accounts.signOut', {}).catch(() => {});
    adopt(null);
    setCover(null);
    setPhase('signIn');
    // The next person starts at the counter, not on the last one's screen.
    navigate({ place: 'reception' });
  }, [adopt, connection]);

  // The engine locks the session too: nothing can be done through it until the PIN or password is given.
  const lock = useCallback(() => {
    void connection.call('accounts.lock', {}).catch(() => {});
    setCover((c) => c ?? 'lock');
  }, [connection]);
  const signedInOpen = phase === 'open' && session !== null;
  useIdleLock(signedInOpen && cover === null ? session.idleLockMinutes : 0, lock);

  // Ctrl+L locks the screen at once (the clerk steps away from the counter).
  useEffect(() => {
    if (!signedInOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyL') {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [signedInOpen, lock]);

  const api = useMemo<AccountsApi>(
    () => ({
      session,
      who: session?.account.role ?? null,
      lock,
      switchShift: leave,
      switchedTo: signedIn,
      signOut: leave,
      accountChanged: (account: Account) =>
        setSessionState((s) => {
          const next = s && { ...s, account };
          saveSession(next);
          return next;
        }),
    }),
    [session, lock, leave, signedIn],
  );

  if (phase === 'loading')
    return (
      <Flex vertical align="center" justify="center" gap={16} style={{ minHeight: '100vh', padding: 24 }}>
        <ConnectionBanner />
        {status === 'open' && <Spin size="large" />}
      </Flex>
    );
  // The wizard and the sign-in screen say so too when the station is away or the tab's link is
  // spent (over them, so nothing typed is lost; always in the same slot, so nothing remounts).
  const away =
    status === 'open' ? null : (
      <div style={{ position: 'fixed', top: 0, insetInline: 0, zIndex: 1100, padding: '8px 16px 0' }}>
        <ConnectionBanner />
      </div>
    );
  if (phase === 'setup')
    return (
      <>
        {away}
        <SetupWizard
          trainingMode={trainingMode}
          onDone={signedIn}
          onTrial={() => {
            setPhase('open');
          }}
        />
      </>
    );
  if (phase === 'signIn')
    return (
      <>
        {away}
        <Page>
          <SignInScreen onDone={signedIn} />
        </Page>
      </>
    );

  const shown: Cover = cover === 'lock' && !session ? 'signIn' : cover;
  return (
    <AccountsContext.Provider value={api}>
      <div inert={shown !== null}>{children}</div>
      {shown === 'lock' && session && (
        <LockOverlay session={session} onUnlocked={signedIn} onSignOut={leave} />
      )}
      {shown === 'signIn' && (
        <Overlay>
          <SignInScreen onDone={signedIn} resumed />
        </Overlay>
      )}
      <AuditProblemsModal problems={problems} onClose={() => setProblems([])} />
    </AccountsContext.Provider>
  );
}
