/* record.h: the observation record listen-observe prints.
 *
 *   # listen-conformance record: 1
 *   # key: value                 (platform facts, see platform.h)
 *   CASE-ID<TAB>TOKEN[<TAB># note]
 *
 * and the human-readable conformance report. */
#ifndef LC_RECORD_H
#define LC_RECORD_H

#include <stdio.h>

#include "verdict.h"

void record_line(FILE *out, const struct lc_case *c, const struct obs *o);

/* One TAP line for test number n: ok, ok # SKIP reason, or not ok with the
 * judgement's message. */
void tap_line(FILE *out, int n, const struct judgement *j);

/* The report: one row per judgement, then the summary counts.  expect_path
 * is NULL when the platform has no expectation file.  Returns the number of
 * cases whose observation differs from the expectation. */
int report_print(FILE *out, const struct platform *p, const char *expect_path,
		 const struct judgement *j, size_t n);

#endif
