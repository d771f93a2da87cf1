import type { RouteContract } from '../http/route.js';
import * as applications from './applications.js';
import * as attendees from './attendees.js';
import * as audit from './audit.js';
import * as dataSubjects from './data-subjects.js';
import * as events from './events.js';
import * as grantCalendar from './grant-calendar.js';
import * as grantImport from './grant-import.js';
import * as grantLinks from './grant-links.js';
import * as grants from './grants.js';
import * as mail from './mail.js';
import * as members from './members.js';
import * as platform from './platform.js';
import * as rsvp from './rsvp.js';

const isRoute = (value: unknown): value is RouteContract =>
  typeof value === 'object' && value !== null && 'operationId' in value && 'method' in value && 'path' in value && 'responses' in value;

/**
 * Every route contract of the public API, listed once. The manifest gives each
 * a function and `/openapi.json` documents them all; a test checks that the two
 * agree, so no handler needs to import infra/ to know the routes.
 */
export const routeContracts: readonly RouteContract[] = [applications, attendees, audit, dataSubjects, events, grantCalendar, grantImport, grantLinks, grants, mail, members, platform, rsvp].flatMap((module) => Object.values(module).filter(isRoute));
