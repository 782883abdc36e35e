import { commands } from './commands';

export function helpText(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage}`);
  return `sohoa — SoHoa Station (Trạm Số hóa) command line

Usage: sohoa [--data DIR] [--lang vi|en] [--user U] <command> [options]

Commands:
${lines.join('\n')}

Global options:
  --data DIR     data directory (default: $SOHOA_DATA_DIR, else the per-user app-data folder)
  --lang vi|en   language of messages (default: $SOHOA_LANG, else en)
  --user U       run as account U (password from $SOHOA_PASSWORD, never argv); required once a station has accounts
  -h, --help     this help
  -v, --version  the station's version

Exit codes: 0 done, 1 failed (message says why), 2 bad usage.`;
}
