/** `npm run escl-sim -- [--port 8090] [--sheets 10]`: the training scanner, on 127.0.0.1. */
import { parseArgs } from 'node:util';
import { startEsclSim } from './server';

const { values } = parseArgs({
  options: { port: { type: 'string' }, sheets: { type: 'string' }, verbose: { type: 'boolean' } },
});
const sim = await startEsclSim({
  port: values.port ? Number(values.port) : 8090,
  sheets: values.sheets ? Number(values.sheets) : 10,
  log: values.verbose ? (l) => console.log(l) : undefined,
});
console.log(`eSCL training scanner: ${sim.url}  (feeder: ${sim.feeder} sheets)`);
console.log('Add this URL in Cài đặt → Máy quét mạng, or: sohoa devices --escl-url ' + sim.url);
