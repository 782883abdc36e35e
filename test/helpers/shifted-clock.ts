/**
 * Loaded with `node --import` into a web-mode process a test starts (startWebMode's `now`): the
 * process's clock starts at SOHOA_TEST_NOW and runs on from there, so a story can happen "on a
 * Tuesday at 15:30" whatever the hour the test runs. Not part of the station.
 */
const start = process.env.SOHOA_TEST_NOW ? Date.parse(process.env.SOHOA_TEST_NOW) : NaN;
if (!Number.isNaN(start)) {
  const Real = Date;
  const offset = start - Real.now();
  class Shifted extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return Real.now() + offset;
    }
  }
  globalThis.Date = Shifted as DateConstructor;
}
