/**
 * App updates, the part that runs under plain Node (and is tested there with
 * electron-updater's own updater classes): which feed, how the updater is set, when to check.
 * The Electron glue is main/updater.ts.
 *
 * - The feed is the province's web folder (generic provider) from the settings
 *   (updateUrl, updateChannel), told by the engine; '' = no updates.
 * - Checked when the feed is known (at start) and then every day.
 * - Downloaded in the background (autoDownload) and installed when the station is closed
 *   (autoInstallOnAppQuit). The shell never calls quitAndInstall: an update never
 *   interrupts a dossier.
 * - Never a downgrade, also after a switch from `beta` to `latest`: a pilot station stays on
 *   its beta until a release passes it.
 */
import type { AppUpdater, UpdateCheckResult } from 'electron-updater';
import type { UpdateFeed } from '../../shared/api/update-feed';

export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

export interface GenericFeed {
  provider: 'generic';
  url: string;
  channel: 'latest' | 'beta';
}

/** The electron-updater options for a feed, or null when updates are off. */
export function feedOptions(feed: UpdateFeed): GenericFeed | null {
  const url = feed.url.trim();
  if (!/^https?:\/\/\S+$/.test(url)) return null;
  return { provider: 'generic', url: url.endsWith('/') ? url : `${url}/`, channel: feed.channel };
}

export interface UpdateServiceOptions {
  log?: (message: string) => void;
  /** Between two checks; a day. */
  everyMs?: number;
}

export class UpdateService {
  private timer: ReturnType<typeof setInterval> | null = null;
  private feed: string | undefined;
  private readonly log: (message: string) => void;

  constructor(
    private readonly updater: AppUpdater,
    private readonly options: UpdateServiceOptions = {},
  ) {
    this.log = options.log ?? ((message) => console.log(message));
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.allowDowngrade = false;
    updater.on('update-available', (info) => this.log(`Cập nhật: có bản ${info.version}, đang tải về.`));
    updater.on('update-downloaded', (info) =>
      this.log(`Cập nhật: đã tải bản ${info.version}; sẽ cài khi đóng Trạm Số hóa.`),
    );
    updater.on('error', (err) => this.log(`Cập nhật: lỗi (${err.message}); sẽ thử lại lần kiểm tra sau.`));
  }

  /** A new feed from the settings: checks at once and daily, or stops when updates are off. */
  apply(feed: UpdateFeed): void {
    const options = feedOptions(feed);
    const key = JSON.stringify(options);
    if (key === this.feed) return;
    this.feed = key;
    this.stop();
    if (!options) {
      this.log('Cập nhật: tắt (chưa đặt địa chỉ cập nhật trong cài đặt).');
      return;
    }
    this.updater.setFeedURL(options);
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.everyMs ?? CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** One check; a failure (no network, a missing manifest) waits for the next one. */
  async check(): Promise<UpdateCheckResult | null> {
    try {
      const result = await this.updater.checkForUpdates();
      // The download's failure is reported through 'error'; nothing else awaits it.
      result?.downloadPromise?.catch(() => {});
      return result;
    } catch {
      return null;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
