// An illustrative 2027 calendar for the tests (not the official notice, which the State Council
// publishes in the autumn): National Day 1–7 October, make-up working days on weekends around it.
import type { HolidayRange, MakeUpWorkday } from '../../domain/calendar-rules';

export const TEST_2027 = {
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-13' },
    { name: '清明节', from: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ] as HolidayRange[],
  makeUpWorkdays: [
    { date: '2027-02-20', name: '春节' },
    { date: '2027-04-25', name: '劳动节' },
    { date: '2027-09-26', name: '国庆节' },
    { date: '2027-10-09', name: '国庆节' },
  ] as MakeUpWorkday[],
};
