import { runWebMode } from '../../web/run';
import { type Command, parse } from './kit';

export const webCommands: Record<string, Command> = {
  web: {
    usage: 'web [--port N]                                         serve the app to a browser on 127.0.0.1',
    async run(argv, ctx) {
      const { values } = parse(argv, { port: { type: 'string' } });
      await runWebMode({ port: values.port ? Number(values.port) : undefined, data: ctx.data });
      await new Promise(() => {});
    },
  },
};
