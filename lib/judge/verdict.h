/* verdict.h: judging one observation twice, against the platform's
 * expectation (match / differ) and against POSIX (conforms / deviates /
 * implementation-defined). */
#ifndef LC_VERDICT_H
#define LC_VERDICT_H

#include <stddef.h>

#include "catalogue.h"
#include "expect.h"
#include "obs.h"
#include "platform.h"

enum exp_outcome {
	EXP_MATCH,   /* observation == expectation */
	EXP_DIFFER,  /* they differ: the test fails */
	EXP_MISSING, /* the expectation file has no line for this case: fails */
	EXP_NOFILE,  /* no expectation file for this platform: POSIX only */
	EXP_SKIP,    /* the case could not run here, or what it is judged by
		      * did not (exp_error says which) */
	EXP_BROKEN,  /* the expectation could not be evaluated: fails */
};

enum posix_outcome {
	POSIX_CONFORMS,
	POSIX_DEVIATES,
	POSIX_IMPLDEF,
	POSIX_SKIPPED,
	POSIX_UNJUDGED, /* the relation needs a case that has no number */
};

struct judgement {
	const struct lc_case *c;
	struct obs obs;
	enum exp_outcome exp;
	char expected[OBS_TOKEN_MAX]; /* when an entry applied */
	const char *exp_file;
	int exp_line;
	char exp_error[200];
	char exp_standin[200]; /* references judged by their expected value */
	enum posix_outcome posix;
	char posix_detail[160]; /* why it deviates, or what it would need */
};

/* x may be NULL (no file for this platform); set holds the run's other
 * observations, for expectations and relations that refer to them (may be
 * NULL when there are none). */
void judge(const struct lc_case *c, const struct obs *o, const struct expectations *x,
	   const struct platform *p, const struct obs_set *set, struct judgement *j);

/* Does the test pass?  (MATCH and, without a file, NOFILE; SKIP is a skip.) */
int judgement_failed(const struct judgement *j);

/* "conforms", "deviates from E2 (POSIX: EDESTADDRREQ)", ... */
const char *posix_text(const struct judgement *j, char *buf, size_t len);

/* The one-line message a failing or skipped test prints: case, observed,
 * expected with FILE:LINE, and what POSIX requires. */
void judgement_message(const struct judgement *j, char *buf, size_t len);

/* What make check makes of a judgement: a pass, a skip (msg: the reason) or
 * a failure (msg: judgement_message, or the descriptor leak when the case
 * left `leaked` descriptors open).  The TAP printers and the JUnit writer
 * all decide here. */
enum test_outcome { TEST_PASS, TEST_SKIP, TEST_FAIL };
enum test_outcome judgement_test(const struct judgement *j, int leaked, char *msg, size_t len);

#endif
