import { useEffect, useRef } from 'react';
import type { SignConfig, TokensResult } from '../../../shared/api/rooms/sign';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';

/** The certificates a clerk may sign with: valid, with their private key on the token. */
export function usableCertificates(tokens: TokensResult | undefined) {
  if (!tokens?.modulePath || tokens.error) return [];
  const modulePath = tokens.modulePath;
  return tokens.tokens.flatMap((token) =>
    token.certificates
      .filter((cert) => !cert.problem && cert.hasPrivateKey)
      .map((cert) => ({
        modulePath,
        tokenSerial: token.serial,
        tokenLabel: token.tokenLabel,
        keyId: cert.keyId,
        certSerialHex: cert.serialHex,
        commonName: cert.commonName,
      })),
  );
}

/** When the token holds one usable certificate and none is chosen, it is chosen by itself. */
export function useOnlyCertificate(
  tokens: TokensResult | undefined,
  config: SignConfig | undefined,
  onConfig: (c: SignConfig) => void,
): void {
  const { client } = useStation();
  const attempt = useAttempt();
  const tried = useRef(false);
  useEffect(() => {
    if (tried.current || !config || config.choice) return;
    const usable = usableCertificates(tokens);
    if (usable.length !== 1) return;
    tried.current = true;
    void attempt(async () => onConfig(await client.call('sign.choose', usable[0]!)));
  }, [tokens, config, onConfig, client, attempt]);
}
