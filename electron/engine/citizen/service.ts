import crypto from 'node:crypto';
import { StationError } from '../../../shared/api/errors';
import type { CitizenLookup, CitizenStatus, CitizenView } from '../../../shared/api/rooms/citizen';
import type { RatingInput } from '../../../shared/api/rooms/feedback';
import type { Catalog } from '../catalog';
import type { EngineContext } from '../context';
import type { Feedback } from '../feedback';
import { lookupDossier } from './lookup';
import { Pairing } from './pairing';
import { dossierView, unitOf, type ViewSources } from './view';

export interface CitizenOptions {
  /** How long the thank-you stays before the idle screen (ms). */
  thanksMs?: number;
  /** Look-ups allowed per minute, all citizen screens together (codes are guessable: no enumeration). */
  lookupsPerMinute?: number;
  now?: () => number;
}

interface Shown {
  dossierId: string;
  /** Names this showing: a rating given on an older view is refused. */
  key: string;
  /** The clerk at the counter when it was shown (null on a station without accounts). */
  by: string | null;
}

/**
 * The citizen screen's state (docs/architecture.md, "Citizen screen"): which dossier the clerk's
 * screen shows, the view built from it, the rating and the look-up; the count of citizen screens
 * connected, told to the clerk. One counter per engine, so one view for every citizen screen.
 */
export class CitizenScreen {
  readonly pairing: Pairing;
  private shown: Shown | null = null;
  private thanks: NodeJS.Timeout | null = null;
  private thanking = false;
  private screens = 0;
  private lookups: number[] = [];
  private readonly now: () => number;

  constructor(
    private readonly ctx: EngineContext,
    private readonly src: ViewSources & { catalog: Catalog; feedback: Pick<Feedback, 'ratingOf' | 'rate'> },
    /** Told of each rating stored (the audit trail), without the citizen's comment. */
    private readonly onRated: (dossierId: string, input: RatingInput) => void,
    private readonly opts: CitizenOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
    this.pairing = new Pairing(this.now);
  }

  status(): CitizenStatus {
    return { connected: this.screens, showing: this.shown?.dossierId ?? null };
  }

  /** The clerk's screen shows a dossier: a new key, the view replaced whole. */
  show(dossierId: string, by: string | null): CitizenStatus {
    this.src.dossiers.get(dossierId); // dossier_not_found before anything changes
    if (this.shown?.dossierId !== dossierId || this.thanking)
      this.shown = { dossierId, key: crypto.randomBytes(12).toString('base64url'), by };
    this.stopThanks();
    this.publish();
    return this.status();
  }

  idle(): CitizenStatus {
    this.shown = null;
    this.stopThanks();
    this.publish();
    return this.status();
  }

  current(): CitizenView {
    const unit = unitOf(this.src.settings.get());
    if (this.thanking) return { phase: 'thanks', unit };
    if (!this.shown) return { phase: 'idle', unit };
    try {
      return dossierView(this.src, this.shown.dossierId, this.shown.key);
    } catch (err) {
      if (err instanceof StationError && err.code === 'dossier_not_found') return { phase: 'idle', unit };
      throw err;
    }
  }

  /** A dossier changed (pages, reception, payment): the view follows it if it is the one shown. */
  changed(dossierId: string | null): void {
    if (!this.shown || this.thanking || (dossierId !== null && dossierId !== this.shown.dossierId)) return;
    this.publish();
  }

  /** The citizen's rating of the dossier on the screen, given on the view named by `key`. */
  rate(key: string, input: RatingInput): CitizenView {
    const shown = this.shown;
    if (!shown || this.thanking || shown.key !== key) throw new StationError('citizen_view_stale');
    this.src.feedback.rate(shown.dossierId, input, { username: shown.by });
    this.onRated(shown.dossierId, input);
    this.shown = null;
    this.thanking = true;
    this.thanks = setTimeout(() => {
      this.thanks = null;
      this.thanking = false;
      this.publish();
    }, this.opts.thanksMs ?? 10_000);
    this.thanks.unref();
    this.publish();
    return this.current();
  }

  lookup(text: string): CitizenLookup {
    const t = this.now();
    this.lookups = this.lookups.filter((at) => at > t - 60_000);
    if (this.lookups.length >= (this.opts.lookupsPerMinute ?? 20))
      throw new StationError('citizen_lookup_throttled');
    this.lookups.push(t);
    return lookupDossier(this.ctx.store.db, this.src.catalog, text);
  }

  /** A citizen screen connected (+1) or left (−1): the clerk's screens are told. */
  connected(delta: 1 | -1): void {
    this.screens = Math.max(0, this.screens + delta);
    this.ctx.emit('citizen.status', this.status());
  }

  close(): void {
    this.stopThanks();
  }

  private stopThanks(): void {
    if (this.thanks) clearTimeout(this.thanks);
    this.thanks = null;
    this.thanking = false;
  }

  private publish(): void {
    let view: CitizenView;
    try {
      view = this.current();
    } catch (err) {
      this.ctx.log(`citizen: view not built: ${(err as Error).message}`);
      view = { phase: 'idle', unit: unitOf(this.src.settings.get()) };
    }
    this.ctx.emit('citizen.view', view);
    this.ctx.emit('citizen.status', this.status());
  }
}
