import type { AppContext } from '../../context.js';
import * as accounts from '../accounts/accounts.service.js';
import { loadCatalogDemo } from '../catalog/demo/catalog-demo.js';
import { loadCardsDemo } from '../cards/demo.js';
import * as servicePoints from '../service-points/service-points.service.js';

export const DEMO_SERVICE_POINT = 'Point de service Démo — Montréal';
/** The second service point, with its own manager (« Gestionnaire de point de service ») and operator. */
export const DEMO_SECOND_SERVICE_POINT = 'Point de service Démo — Québec';

export const DEMO_LEARNERS = [
  { username: 'glavigne', firstName: 'Geneviève', lastName: 'Lavigne' },
  { username: 'egagnon', firstName: 'Éric', lastName: 'Gagnon' },
  { username: 'mtremblay', firstName: 'Marie', lastName: 'Tremblay' },
  { username: 'ecote', firstName: 'Émile', lastName: 'Côté' },
  { username: 'lng', firstName: 'Lan', lastName: 'Ng' },
  { username: 'jsaintemarie', firstName: 'Jean', lastName: 'Sainte-Marie' },
  { username: 'ldamour', firstName: 'Luc', lastName: 'D’Amour' },
  { username: 'aroy', firstName: 'Anne', lastName: 'Roy' },
] as const;

/** Loads the demo when the database holds no account at all. Returns true when it did. */
export async function loadDemoIfEmpty(ctx: AppContext): Promise<boolean> {
  if (await accounts.hasAnyAccount(ctx)) return false;
  await loadDemo(ctx);
  return true;
}

export async function loadDemo(ctx: AppContext) {
  const password = ctx.config.demoPassword;
  const spId = await servicePoints.createServicePoint(ctx, {
    name: DEMO_SERVICE_POINT,
    address: '1000, rue Sherbrooke Ouest, Montréal (Québec) H3A 3G4',
    workstations: 8, // the browser tests share one demo and each holds a workstation
  });
  const full = { language: 'fr' as const, membershipType: 'individual' as const };
  await accounts.createAccount(ctx, {
    username: 'admin',
    email: 'admin@vigie.demo',
    password,
    firstName: 'Hélène',
    lastName: 'Administratrice',
    isAdmin: true,
    ...full,
  });
  const op = await accounts.createAccount(ctx, {
    username: 'operateur',
    email: 'operateur@vigie.demo',
    password,
    firstName: 'Olivier',
    lastName: 'Bélanger',
    ...full,
    membershipType: 'corporate',
    organisation: 'AQTr',
  });
  await servicePoints.grantOperator(ctx, null, op.id, spId);
  await loadSecondServicePoint(ctx, password);
  const learners: { id: string; userCode: string; username: string }[] = [];
  for (const l of DEMO_LEARNERS) {
    const created = await accounts.createAccount(ctx, {
      username: l.username,
      email: `${l.username}@vigie.demo`,
      password,
      firstName: l.firstName,
      lastName: l.lastName,
      ...full,
    });
    learners.push({ ...created, username: l.username });
  }
  await loadCatalogDemo(ctx, spId, learners);
  await loadCardsDemo(ctx, { servicePointId: spId, operatorId: op.id, learners });
  ctx.log.info({ servicePoint: DEMO_SERVICE_POINT, learners: learners.length }, 'demo data loaded');
  return { servicePointId: spId, operatorId: op.id, learners };
}

/** « Point de service Démo — Québec »: its manager `gestionnaire` sees it alone, with its operator `operateur-qc`. */
async function loadSecondServicePoint(ctx: AppContext, password: string) {
  const spId = await servicePoints.createServicePoint(ctx, {
    name: DEMO_SECOND_SERVICE_POINT,
    address: '2700, boulevard Laurier, Québec (Québec) G1V 2L8',
    contact: 'Gabrielle Gagné, 418 555-0142',
    workstations: 2,
  });
  const staff = { language: 'fr' as const, membershipType: 'corporate' as const, organisation: 'AQTr' };
  const manager = await accounts.createAccount(ctx, {
    username: 'gestionnaire',
    email: 'gestionnaire@vigie.demo',
    password,
    firstName: 'Gabrielle',
    lastName: 'Gagné',
    ...staff,
  });
  await servicePoints.grantRole(ctx, null, 'manager', manager.id, spId);
  const op = await accounts.createAccount(ctx, {
    username: 'operateur-qc',
    email: 'operateur-qc@vigie.demo',
    password,
    firstName: 'Samuel',
    lastName: 'Pelletier',
    ...staff,
  });
  await servicePoints.grantOperator(ctx, null, op.id, spId);
}
