/*
 * time.h — the time stage's interface for other stages: which timex dates
 * an event, how precise a TIMEX3 value is, and the calendar date it
 * stands for. The stage itself (src/time/stage.c) fills doc->timexes;
 * the recognizer and normalizer behind it are internal (src/time/tx.h).
 */
#ifndef DL_TIME_H
#define DL_TIME_H

#include "dl.h"

/* The index in doc->timexes of the DATE timex that best dates an event
 * whose trigger word starts at byte `trigger`, inside the clause
 * [clause_start, clause_end): a timex of that clause with a calendar value
 * (day, month, year, week...; not PRESENT_REF or a duration), the nearest
 * to the trigger, preferring one after the trigger within the clause when
 * two are equally near. -1 when the clause has none; the caller then uses
 * the dateline with precision DL_PREC_DOCUMENT. Pure; needs the time stage
 * to have run. */
int32_t dl__time_for_span(const dl_doc *doc, uint32_t clause_start,
                          uint32_t clause_end, uint32_t trigger);

/* The precision of a TIMEX3 value: DL_PREC_DAY for "2023-07-18" (and for
 * times "2023-07-18T10:00", "2023-07-18TMO"), DL_PREC_MONTH for "2023-06",
 * DL_PREC_YEAR for "2023" and coarser-than-month calendar values ("2023-Q3",
 * "2023-SU", "2023-H1"), DL_PREC_DAY for a week ("2023-W29"); and
 * DL_PREC_DOCUMENT for anything that is not a calendar value (NULL,
 * "PRESENT_REF", "P17M", "199"). */
dl_precision dl__time_precision(const char *value);

/* The calendar date a TIMEX3 value stands for: the day itself, the first
 * day of a month or year (or of a quarter, season or half), the Monday of a
 * week. Returns false (and leaves *out alone) when the value is not a
 * calendar value (see dl__time_precision) or names an impossible date. */
bool dl__time_value_date(const char *value, dl_date *out);

#endif
