import type { CounterEvent } from '../../../shared/api/rooms/outbox';
import { parseInstant } from '../../../shared/domain/deadline';
import type { PortalEvent, WireEventKind } from '../portal/events';

/** Where the counter tells the outbox of an event, inside the transaction that records it. */
export type EventSink = (dossierId: string, e: CounterEvent) => void;

const instant = (s: string | null | undefined) => (s ? new Date(parseInstant(s)) : null);

/** The queued event as the connectors take it (instants as dates). */
export function portalEvent(e: CounterEvent): PortalEvent & { kind: WireEventKind } {
  return {
    ...e,
    at: new Date(parseInstant(e.at)),
    oldAppointment: instant(e.oldAppointment),
    newAppointment: instant(e.newAppointment),
  };
}
