// Screening at the door: work on the negative list is refused before any process starts.
import { screenCode } from '../domain/catalogue';
import type { Screening } from '../workflows/itemAdmission/contract';
import type { Db } from '../prisma/client';
import { Problem } from './problem';

export async function refuseNegativeListed(db: Db, countyId: string, code: string): Promise<Screening> {
  const screening = await screenCode(db, countyId, code);
  if (screening.result === 'NEGATIVE_LIST') {
    throw new Problem(422, 'NEGATIVE_LIST', `${code} (${screening.matchedName}) is on the negative list: no one may put it on villages.`);
  }
  return screening;
}
