/* harness.h: Check suites reported as TAP, one line per test, so automake's
 * summary shows every case on its own line with PASS, FAIL or SKIP and the
 * reason.  Check has no skip: a test skips by failing with a message that
 * starts with HARNESS_SKIP, which the TAP printer turns into "# SKIP". */
#ifndef LC_HARNESS_H
#define LC_HARNESS_H

#include <check.h>

#define HARNESS_SKIP "SKIP: "

/* Runs every test of s (forked, as Check does by default) and prints TAP on
 * stdout; with LISTEN_JUNIT=DIR in the environment, also writes the same
 * results (the same messages) as JUnit XML to DIR/<name>.xml.  Returns the
 * exit status for main(). */
int harness_run_tap(Suite *s, const char *name);

/* A main() for one area: the row of tests/runs.c named area, its catalogue
 * cases each judged against this platform's expectation file.  The cases
 * run first, side by side in worker processes (inside a private network
 * namespace with net.core.somaxconn set to the row's value, unless it is
 * RUN_HOST); then each is one Check test that judges its observation and
 * fails if the case left a descriptor open. */
int harness_main(const char *area);

#endif
