/** What a site names must exist: its ERP and its predecessors (checked alike for new and edited sites). */
import type Database from 'better-sqlite3';
import type { Site } from '../../../shared/domain';
import { UserError } from '../errors';
import * as read from './content-reader';
import * as write from './content-writer';

/** `label` is the code the message names (an edit names the site by the code it had). */
export function checkSiteReferences(db: Database.Database, label: string, site: Site): void {
  if (read.readErps(db, site.erp).length === 0) throw new UserError('invalid-input', `Site ${label}: unknown ERP "${site.erp}".`);
  for (const predecessor of site.predecessors) {
    if (predecessor.toLowerCase() === site.code.toLowerCase()) throw new UserError('invalid-input', `Site ${label}: a site cannot be its own predecessor.`);
    if (write.siteIdOf(db, predecessor) === undefined) throw new UserError('invalid-input', `Site ${label}: unknown predecessor "${predecessor}".`);
  }
}
