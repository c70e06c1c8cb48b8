/* runs.h: every catalogue run that make check makes, in one table: which
 * test program, at which net.core.somaxconn, with which cases.  The test
 * programs run their row (harness_main); tests/check_labels reads the
 * whole table to prove that every backlog label is run somewhere it can be
 * told apart from its neighbours. */
#ifndef LC_RUNS_H
#define LC_RUNS_H

#define RUN_HOST (-1) /* the host's own somaxconn, no namespace */

struct area_run {
	const char *area; /* the test program's suite name */
	long somaxconn;   /* RUN_HOST, or a private namespace at this value */
	/* fnmatch(3) patterns over case ids, NULL-terminated. */
	const char *const *patterns;
	const char *why;  /* what this run is for */
};

extern const struct area_run area_runs[];
extern const int n_area_runs;

/* The row of this area, or NULL. */
const struct area_run *area_run_find(const char *area);

/* Does the run select case id? */
int area_run_selects(const struct area_run *r, const char *id);

#endif
