import * as accounts from '../../server/modules/accounts/accounts.service.js';
import { formatUserCode } from '../../server/modules/accounts/user-code.js';
import * as servicePoints from '../../server/modules/service-points/service-points.service.js';
import { need, UsageError, type Command } from '../command.js';

async function userByLogin(ctx: Parameters<Command['run']>[0], login: string) {
  const u = await accounts.findByLogin(ctx, login);
  if (!u) throw new UsageError(`no account with user name or e-mail « ${login} »`);
  return u;
}

async function servicePointByName(ctx: Parameters<Command['run']>[0], name: string) {
  const sp = await servicePoints.servicePointByName(ctx, name);
  if (!sp) throw new UsageError(`no service point named « ${name} »`);
  return sp;
}

export const accountCommands: Command[] = [
  {
    name: ['admin', 'create'],
    summary: 'Create an administrator account',
    usage: 'admin create --username NAME --email E-MAIL --password PASSWORD [--first-name F --last-name L]',
    options: {
      username: { type: 'string', description: 'user name' },
      email: { type: 'string', description: 'e-mail' },
      password: { type: 'string', description: 'password (10 characters at least)' },
      'first-name': { type: 'string', description: 'first name' },
      'last-name': { type: 'string', description: 'last name' },
    },
    async run(ctx, { values }) {
      const created = await accounts.createAccount(ctx, {
        username: need(values, 'username'),
        email: need(values, 'email'),
        password: need(values, 'password'),
        firstName: (values['first-name'] as string | undefined) ?? 'Admin',
        lastName: (values['last-name'] as string | undefined) ?? need(values, 'username'),
        language: 'fr',
        membershipType: 'none',
        isAdmin: true,
      });
      console.log(`Administrator created, user code ${formatUserCode(created.userCode)}`);
    },
  },
  {
    name: ['service-point', 'create'],
    summary: 'Create a service point and its workstations (Poste 1…N)',
    usage: 'service-point create --name NAME --address ADDRESS [--workstations N] [--time-zone America/Toronto]',
    options: {
      name: { type: 'string', description: 'name' },
      address: { type: 'string', description: 'address' },
      workstations: { type: 'string', description: 'number of workstations (default 4)' },
      'time-zone': { type: 'string', description: 'IANA time zone (default America/Toronto)' },
    },
    async run(ctx, { values }) {
      const n = Number(values.workstations ?? 4);
      if (!Number.isInteger(n) || n < 0 || n > 200)
        throw new UsageError('--workstations must be a whole number from 0 to 200');
      const id = await servicePoints.createServicePoint(ctx, {
        name: need(values, 'name'),
        address: need(values, 'address'),
        timeZone: values['time-zone'] as string | undefined,
        workstations: n,
      });
      console.log(`Service point created (${id}) with ${n} workstations`);
    },
  },
  {
    name: ['operator', 'grant'],
    summary: 'Grant the operator role at a service point',
    usage: 'operator grant --user LOGIN --service-point NAME',
    options: {
      user: { type: 'string', description: 'user name or e-mail' },
      'service-point': { type: 'string', description: 'service point name' },
    },
    async run(ctx, { values }) {
      const u = await userByLogin(ctx, need(values, 'user'));
      const sp = await servicePointByName(ctx, need(values, 'service-point'));
      await servicePoints.grantOperator(ctx, null, u.id, sp.id);
      console.log(`${u.username} is now an operator at ${sp.name}`);
    },
  },
  {
    name: ['operator', 'remove'],
    summary: 'Remove the operator role at a service point',
    usage: 'operator remove --user LOGIN --service-point NAME',
    options: {
      user: { type: 'string', description: 'user name or e-mail' },
      'service-point': { type: 'string', description: 'service point name' },
    },
    async run(ctx, { values }) {
      const u = await userByLogin(ctx, need(values, 'user'));
      const sp = await servicePointByName(ctx, need(values, 'service-point'));
      await servicePoints.removeOperator(ctx, null, u.id, sp.id);
      console.log(`${u.username} is no longer an operator at ${sp.name}`);
    },
  },
  ...(['grant', 'remove'] as const).map((verb): Command => ({
    name: ['manager', verb],
    summary: `${verb === 'grant' ? 'Grant' : 'Remove'} the manager role (« Gestionnaire de point de service »)`,
    usage: `manager ${verb} --user LOGIN --service-point NAME`,
    options: {
      user: { type: 'string', description: 'user name or e-mail' },
      'service-point': { type: 'string', description: 'service point name' },
    },
    async run(ctx, { values }) {
      const u = await userByLogin(ctx, need(values, 'user'));
      const sp = await servicePointByName(ctx, need(values, 'service-point'));
      if (verb === 'grant') await servicePoints.grantRole(ctx, null, 'manager', u.id, sp.id);
      else await servicePoints.removeRole(ctx, null, 'manager', u.id, sp.id);
      console.log(`${u.username} ${verb === 'grant' ? 'now manages' : 'no longer manages'} ${sp.name}`);
    },
  })),
  {
    name: ['password', 'reset'],
    summary: "Set a user's password (signs them out everywhere)",
    usage: 'password reset --user LOGIN --password NEW-PASSWORD',
    options: {
      user: { type: 'string', description: 'user name or e-mail' },
      password: { type: 'string', description: 'new password' },
    },
    async run(ctx, { values }) {
      await accounts.setPassword(ctx, need(values, 'user'), need(values, 'password'));
      console.log('Password changed; existing sessions ended');
    },
  },
];
