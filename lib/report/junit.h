/* junit.h: test results as JUnit XML, for CI systems that show them (one
 * <testsuite>, a <testcase> per test with <failure>, <error> or <skipped>,
 * the platform's facts and the expectation file as <properties>). */
#ifndef LC_JUNIT_H
#define LC_JUNIT_H

#include <stddef.h>
#include <stdio.h>

#include "platform.h"

enum junit_status { JUNIT_PASS, JUNIT_SKIP, JUNIT_FAIL, JUNIT_ERROR };

struct junit_case {
	const char *classname;
	const char *name;
	enum junit_status status;
	const char *message; /* the skip reason or the failure message */
	double seconds;      /* < 0: unknown (no time attribute) */
};

/* Writes the document.  p (may be NULL) gives the platform properties;
 * expect_path is the expectation file, or NULL for none.  seconds is the
 * suite's wall time.  Returns 0, or -1 when out could not be written. */
int junit_write(FILE *out, const char *suite, const struct platform *p,
		const char *expect_path, const struct junit_case *cases, size_t n, double seconds);

/* The same into a file.  Returns 0, or -1 with the reason in err. */
int junit_write_file(const char *path, const char *suite, const struct platform *p,
		     const char *expect_path, const struct junit_case *cases, size_t n,
		     double seconds, char *err, size_t errlen);

/* Writes s as XML character data or attribute text: markup characters as
 * entities, control characters XML 1.0 cannot hold and bytes that are not
 * UTF-8 as '?'. */
void junit_escape(FILE *out, const char *s);

#endif
