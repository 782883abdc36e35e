import type { Page } from 'playwright-core';

/**
 * A 2D barcode reader in keyboard mode: every character a real key event (through CDP, since
 * Playwright's keyboard knows no "Ễ" key), each line ending in Enter, `msPerKey` apart. The keys
 * carry the time the reader sent them (CDP's `timestamp`, which becomes the event's `timeStamp`, as
 * the operating system stamps a real reader's keys), so a loaded test machine delivering them late
 * does not make a reader look like a person typing.
 */
export async function readerTypes(page: Page, text: string, msPerKey = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let t = Date.now() / 1000;
  const at = () => (t += msPerKey / 1000);
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  // Pipelined, not awaited one by one: the events arrive in order.
  const sent: Promise<unknown>[] = [];
  for (const ch of `${text}\n`) {
    const key = ch === '\n' ? { ...enter, text: '\r' } : { key: ch, text: ch, unmodifiedText: ch };
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp: at() }));
    const up = ch === '\n' ? enter : { key: ch };
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...up, timestamp: at() }));
  }
  await Promise.all(sent);
  await cdp.detach();
}
