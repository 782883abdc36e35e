/**
 * The one contract between the station's processes. Every call and event the
 * engine offers is declared once, in the room that owns it (shared/api/rooms),
 * and gathered here; zod gives both the runtime validation (at every receiving
 * side) and the TypeScript types. A new room adds its file and one line below.
 */
import type { z } from 'zod';
import { appCalls } from './rooms/app';
import { catalogCalls } from './rooms/catalog';
import { dossierCalls, dossierEvents } from './rooms/dossier';
import { imagingCalls, imagingEvents } from './rooms/imaging';
import { scanCalls, scanEvents } from './rooms/scan';
import { receptionCalls } from './rooms/reception';
import { settingsCalls, settingsEvents } from './rooms/settings';
import { signCalls, signEvents } from './rooms/sign';
import { outboxCalls, outboxEvents } from './rooms/outbox';
import { reportsCalls } from './rooms/reports';
import { auditCalls } from './rooms/audit';
import { documentsCalls } from './rooms/documents';
import { paymentCalls } from './rooms/payment';
import { batchCalls } from './rooms/batch';
import { portalCalls } from './rooms/portal';
import { accountsCalls } from './rooms/accounts';
import { privacyCalls } from './rooms/privacy';
import { logCalls } from './rooms/log';
import { feedbackCalls } from './rooms/feedback';
import { citizenCalls, citizenEvents } from './rooms/citizen';
import { agencyCalls } from './rooms/agency';
import { setupCalls } from './rooms/setup';

export * from './types';

/** Every call the engine answers: method name → params and result schemas. */
export const calls = {
  ...appCalls,
  ...catalogCalls,
  ...dossierCalls,
  ...imagingCalls,
  ...settingsCalls,
  ...signCalls,
  ...outboxCalls,
  ...receptionCalls,
  ...scanCalls,
  ...reportsCalls,
  ...auditCalls,
  ...documentsCalls,
  ...paymentCalls,
  ...batchCalls,
  ...portalCalls,
  ...accountsCalls,
  ...privacyCalls,
  ...logCalls,
  ...feedbackCalls,
  ...citizenCalls,
  ...agencyCalls,
  ...setupCalls,
} as const;

/** Every event the engine pushes to its clients. */
export const events = {
  ...dossierEvents,
  ...imagingEvents,
  ...signEvents,
  ...outboxEvents,
  ...scanEvents,
  ...settingsEvents,
  ...citizenEvents,
} as const;

export type Calls = typeof calls;
export type Method = keyof Calls;
/** What a caller sends (defaults may be left out). */
export type Params<M extends Method> = z.input<Calls[M]['params']>;
/** What a handler receives: the params after validation, defaults filled in. */
export type ValidParams<M extends Method> = z.output<Calls[M]['params']>;
export type Result<M extends Method> = z.output<Calls[M]['result']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methods = Object.keys(calls) as Method[];
export const isMethod = (m: string): m is Method => Object.hasOwn(calls, m);

/** The only events a citizen screen hears; a clerk's screen hears every other one. */
export const CITIZEN_EVENTS: readonly EventName[] = ['citizen.view'];
