import type { RoomHandlers } from '../context';
import type { SignService } from './service';

type SignMethod =
  | 'sign.config.get'
  | 'sign.config.update'
  | 'sign.tokens'
  | 'sign.choose'
  | 'sign.batch'
  | 'sign.addTimestamp'
  | 'sign.verifyComponent'
  | 'sign.verifyFile'
  | 'sign.signedPdf';

export function signHandlers(sign: SignService): RoomHandlers<SignMethod> {
  return {
    'sign.config.get': (_p, caller) => sign.configFor(caller.username),
    'sign.config.update': (p) => sign.updateConfig(p),
    'sign.tokens': (p) => sign.listTokens(p.modulePath),
    'sign.choose': (p, caller) => sign.choose(p, caller.username),
    'sign.batch': (p, caller) =>
      sign.batch({
        ...p,
        resign: p.resign ?? false,
        assemble: p.assemble ?? false,
        username: caller.username,
      }),
    'sign.addTimestamp': (p) => sign.addTimestamp(p.dossierIds),
    'sign.verifyComponent': (p) => sign.verifyComponent(p.dossierId, p.componentCode),
    'sign.verifyFile': (p) => sign.verifyBytes(Buffer.from(p.dataBase64, 'base64'), p.name),
    'sign.signedPdf': (p) => {
      const { fileName, bytes } = sign.signedPdf(p.dossierId, p.componentCode);
      return { fileName, dataBase64: bytes.toString('base64') };
    },
  };
}
