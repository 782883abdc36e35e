import { App } from 'antd';
import { createElement, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AppError,
  type EventName,
  type EventPayload,
  type Method,
  type Params,
  type Result,
} from '../../../shared/api';
import { type Lang, type PlainError, plainError } from '../../../shared/i18n';
import { ErrorDetail } from '../util/ErrorDetail';
import { errorToast, toAppError } from '../util/error-toast';
import { useStation } from './StationContext';

export { toAppError };

export interface Query<T> {
  data: T | undefined;
  error: AppError | undefined;
  loading: boolean;
  reload: () => void;
  /** Replace the data with a fresher copy a mutation returned. */
  setData: (data: T) => void;
}

interface Answer<T> {
  request: string;
  data: T | undefined;
  error: AppError | undefined;
}

/**
 * Calls `method` when mounted, when `params` change, after every reconnect, and on
 * `reload()`. Pass `null` params to wait. The last good data stays shown while reloading.
 */
export function useQuery<M extends Method>(method: M, params: Params<M> | null): Query<Result<M>> {
  const { client, status, generation } = useStation();
  const [tick, setTick] = useState(0);
  const [answer, setAnswer] = useState<Answer<Result<M>>>({ request: '', data: undefined, error: undefined });
  const key = params === null ? null : JSON.stringify(params);
  const request = `${method}|${key}|${generation}|${tick}`;
  const ready = key !== null && status === 'open';

  useEffect(() => {
    if (!ready || key === null) return;
    let live = true;
    client.call(method, JSON.parse(key) as Params<M>).then(
      (data) => live && setAnswer({ request, data, error: undefined }),
      (err: unknown) => live && setAnswer((a) => ({ request, data: a.data, error: toAppError(err) })),
    );
    return () => {
      live = false;
    };
  }, [client, method, key, ready, request]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback(
    (data: Result<M>) => setAnswer((a) => ({ request: a.request, data, error: undefined })),
    [],
  );
  return {
    data: answer.data,
    error: answer.request === request ? answer.error : undefined,
    loading: key !== null && answer.request !== request,
    reload,
    setData,
  };
}

/** Listen to an engine event for as long as the component is mounted. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const { client } = useStation();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.on(name, (payload) => latest.current(payload)), [client, name]);
}

/** The current UI language, as the error table knows it. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

/**
 * Turns an AppError, or anything a call threw, into the clerk-facing sentence for it:
 * never a program's own words (those are in `useErrorParts`' detail, behind "Chi tiết").
 */
export function useErrorText(): (err: unknown) => string {
  const parts = useErrorParts();
  return useCallback((err: unknown) => parts(err).text, [parts]);
}

/** The clerk's sentence and the technical detail left out of it (for "Chi tiết" and the log). */
export function useErrorParts(): (err: unknown) => PlainError {
  const lang = useLang();
  return useCallback((err: unknown) => plainError(toAppError(err), lang), [lang]);
}

/**
 * Shows an error as a toast: the Vietnamese sentence alone, or, when technical words were
 * taken out of it, a notification with them folded behind "Chi tiết" (never on screen as such).
 */
export function useShowError(): (err: unknown) => void {
  const { message, notification } = App.useApp();
  const lang = useLang();
  return useCallback(
    (err: unknown) => {
      const toast = errorToast([err], lang);
      const text = toast.lines[0] ?? '';
      if (!toast.detail) {
        void message.error(text);
        return;
      }
      notification.error({
        title: text,
        description: createElement(ErrorDetail, { detail: toast.detail }),
        placement: 'bottomRight',
        duration: 10,
        props: { 'data-testid': 'error-toast' },
      });
    },
    [message, notification, lang],
  );
}

export interface AttemptOptions<T> {
  /** Shown once `fn` has finished; a function gets what `fn` returned. */
  success?: string | ((value: T) => string);
}

/**
 * What a button does: `attempt(fn)` runs `fn` (one or more calls) and shows the clerk,
 * as an error message, whatever it threw. Never rejects: resolves to whether `fn`
 * finished, so busy flags can be cleared after it like after a `finally`.
 */
export function useAttempt(): <T>(fn: () => Promise<T>, options?: AttemptOptions<T>) => Promise<boolean> {
  const { message } = App.useApp();
  const showError = useShowError();
  return useCallback(
    async <T>(fn: () => Promise<T>, options?: AttemptOptions<T>) => {
      let value: T;
      try {
        value = await fn();
      } catch (err) {
        showError(err);
        return false;
      }
      const success = options?.success;
      if (success !== undefined) void message.success(typeof success === 'string' ? success : success(value));
      return true;
    },
    [message, showError],
  );
}

/** Calls `fn` at most once per `ms`, however often events ask (the engine reports progress in bursts). */
export function useThrottled(fn: () => void, ms: number): () => void {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return () => {
    if (timer.current) return;
    const wait = Math.max(0, ms - (Date.now() - last.current));
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      latest.current();
    }, wait);
  };
}
