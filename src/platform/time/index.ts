// The platform's one time module: the Dutch calendar day, Dutch working days and dates in the reader's language.
// Every "today" comes from the injected clock (services' `clock()`), never from the wall clock.
export {
  addDays,
  amsterdamDate,
  amsterdamWeekTime,
  DUTCH_TIME_ZONE,
  isIsoDate,
  weekdayOf,
} from './calendar.js';
export {
  addWorkingDays,
  dutchHolidays,
  easter,
  isWorkingDay,
  WORKING_DAYS_CALENDAR_VERSION,
} from './working-days.js';
export { formatCalendarDate, formatMoment, weekdayName, type DateStyle, type MomentStyle } from './format.js';
