export const HELP = `sohoa — SoHoa Station (Trạm Số hóa) command line

Usage: sohoa [--data DIR] [--lang vi|en] <command> [options]

Commands:
  catalog list [--json]                                  procedures and their component codes
  dossier new --procedure CODE --applicant-name NAME [--json]
                                                         create a dossier; prints its id
  dossier list [--json]                                  list dossiers, newest first
  dossier show ID [--json]                               one dossier with its components and pages
  dossier add-pages ID --component CODE FILE... [--json] add JPEG/PNG/TIFF page images
  dossier pdf ID --component CODE --out FILE             assemble a component into a PDF
  web [--port N]                                         serve the app to a browser on 127.0.0.1

Global options:
  --data DIR     data directory (default: $SOHOA_DATA_DIR, else the per-user app-data folder)
  --lang vi|en   language of messages (default: $SOHOA_LANG, else en)
  -h, --help     this help
  -v, --version  the station's version

Exit codes: 0 done, 1 failed (message says why), 2 bad usage.`;
