/** The Support Centre's hours (seed 000), kept as data: when identity may be verified in person. */
import { createCalendar, declareClosure } from '../../domain/calendar';
import { supportCentreClosedReason } from '../../domain/registration';
import { hkInstant } from '../../domain/time/hong-kong-time';

const calendar = createCalendar();
const at = (date: string, hour: number, minute = 0) => hkInstant(date, hour, minute);

describe('the Support Centre is open Monday to Friday except general holidays, 08:45-13:00 and 14:00-17:30', () => {
  it.each([
    ['2027-03-02', 8, 45],
    ['2027-03-02', 12, 59],
    ['2027-03-02', 14, 0],
    ['2027-03-05', 17, 29],
  ])('when it is %s %d:%d (a weekday, in a session), then it is open', (date, h, m) => {
    expect(supportCentreClosedReason(at(date, h, m), calendar)).toBeNull();
  });

  it.each([
    ['2027-03-02', 8, 44, /not open at this time/],
    ['2027-03-02', 13, 0, /not open at this time/],
    ['2027-03-02', 13, 59, /not open at this time/],
    ['2027-03-02', 17, 30, /not open at this time/],
    ['2027-03-06', 10, 0, /Saturday/],
    ['2027-03-07', 10, 0, /Sunday/],
    ['2027-03-26', 10, 0, /Good Friday/],
  ])('when it is %s %d:%d, then it is closed, saying why', (date, h, m, why) => {
    expect(supportCentreClosedReason(at(date, h, m), calendar)).toMatch(why);
  });

  it('when a black rainstorm closes the registries, then the Centre is closed that day too', () => {
    const closed = declareClosure(calendar, { date: '2027-03-03', reason: 'black rainstorm warning' });
    expect(supportCentreClosedReason(at('2027-03-03', 10), closed)).toMatch(/black rainstorm/);
  });
});
