import { findWorkday } from 'chinese-days';
import { BEIJING_OFFSET_MS } from '../workflows/common/durations';

function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The end (24:00 Beijing time) of the `workingDays`-th working day after `fromIso`, following the
 * official calendar: public holidays are skipped and make-up working days count.
 */
export function endOfWorkingDaysAfter(fromIso: string, workingDays: number): string {
  const day = findWorkday(workingDays, beijingDate(new Date(fromIso)));
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString();
}
