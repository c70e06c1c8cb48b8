/* session.h: what every run starts with: this platform's facts and its
 * expectation file (if it has one), loaded and checked. */
#ifndef LC_SESSION_H
#define LC_SESSION_H

#include <stddef.h>

#include "expect.h"
#include "platform.h"

struct session {
	struct platform p;
	struct expectations x;
	int have_x; /* 0: no file for this platform, POSIX verdicts only */
};

/* Probes the platform (after raising RLIMIT_NOFILE) and loads the
 * expectation file: explicit_path, else LISTEN_EXPECT, else
 * LISTEN_RESULTS_DIR/<platform>.exp.  Returns 0, or -1 with every problem
 * written to err. */
int session_open(struct session *s, const char *explicit_path, char *err, size_t errlen);

/* The same for facts known already (a recorded run's): p is used as it is,
 * and its name picks the expectation file. */
int session_open_for(struct session *s, const struct platform *p, const char *explicit_path,
		     char *err, size_t errlen);

void session_close(struct session *s);

#endif
