/**
 * `npm run web`: starts the engine and serves the renderer on 127.0.0.1.
 * Usage: tsx electron/web/main.ts [--port N] [--data DIR]
 */
import { parseArgs } from 'node:util';
import { StationError } from '../../shared/api/errors';
import { errorMessage } from '../../shared/i18n/errors';
import { runWebMode } from './run';

const { values } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' } } });

runWebMode({ port: values.port ? Number(values.port) : undefined, data: values.data }).catch(
  (err: unknown) => {
    if (err instanceof StationError) console.error(`${errorMessage(err, 'vi')}\n${errorMessage(err, 'en')}`);
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      console.error(
        'Cổng đã được dùng; hãy chọn cổng khác bằng --port. / The port is in use; pick another with --port.',
      );
    else console.error(err);
    process.exit(2);
  },
);
