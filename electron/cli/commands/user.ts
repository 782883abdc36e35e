import readline from 'node:readline';
import type { AccountRole } from '../../../shared/api/rooms/accounts';
import { type Command, need, parse, printJson, UsageError, withClient } from './kit';

const ROLES: readonly AccountRole[] = ['clerk', 'supervisor', 'admin'];

/** The new account's password: SOHOA_PASSWORD_NEW (or, for the first account, SOHOA_PASSWORD), else asked on the terminal without echo. */
async function newPassword(): Promise<string> {
  const fromEnv = process.env.SOHOA_PASSWORD_NEW ?? process.env.SOHOA_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new UsageError('give the password in SOHOA_PASSWORD_NEW (never on the command line)');
  return ask('Mật khẩu (ít nhất 8 ký tự): ');
}

function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    out._writeToOutput = (s: string) => {
      if (s.includes(prompt)) process.stdout.write(prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

export const userCommands: Record<string, Command> = {
  'user add': {
    usage:
      'user add --username U --name "Họ tên" --role clerk|supervisor|admin  an account (password: SOHOA_PASSWORD_NEW or asked)',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        json: { type: 'boolean' },
      });
      const username = need(values.username, '--username U');
      const name = need(values.name, '--name "Họ tên"');
      const role = need(values.role, '--role') as AccountRole;
      if (!ROLES.includes(role)) throw new UsageError('--role must be clerk, supervisor or admin');
      const password = await newPassword();
      const account = await withClient(ctx, async (c) => {
        const status = await c.call('accounts.status', {});
        if (!status.hasAccounts) {
          // The first account of a station is its administrator, and signs in at once.
          if (role !== 'admin') throw new UsageError('the first account of a station must be --role admin');
          return (await c.call('accounts.setup', { username, name, password })).account;
        }
        return c.call('accounts.add', { username, name, role, password });
      });
      if (values.json) return printJson(account);
      console.log(`${account.username}\t${account.name}\t${account.role}`);
    },
  },
  'user list': {
    usage: "user list [--json]                                     the station's accounts",
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const list = await withClient(ctx, (c) => c.call('accounts.list', {}));
      if (values.json) return printJson(list);
      for (const a of list) console.log(`${a.username}\t${a.name}\t${a.role}${a.disabled ? '\t(khóa)' : ''}`);
    },
  },
  'user disable': {
    usage:
      'user disable U                                         lock an account (it can no longer sign in)',
    async run(argv, ctx) {
      const { positionals } = parse(argv, {});
      const username = need(positionals[0], 'username');
      const a = await withClient(ctx, (c) => c.call('accounts.update', { username, disabled: true }));
      console.log(`${a.username}\t${a.disabled ? 'đã khóa' : ''}`);
    },
  },
};
