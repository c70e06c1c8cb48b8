/* batch.h: running many cases side by side in worker processes, and a whole
 * run inside a private network namespace with its own somaxconn. */
#ifndef LC_BATCH_H
#define LC_BATCH_H

#include <stddef.h>

#include "catalogue.h"
#include "platform.h"

struct batch_result {
	struct obs obs;
	int leaked; /* descriptors the case left open in its worker */
	double seconds; /* how long the case took */
};

/* Seconds on a monotonic clock. */
double batch_now(void);

/* The number of workers to use by default: the number of online CPUs. */
int batch_default_jobs(void);

/* Told how a run goes, in the process that hands out the cases: done of n
 * cases have finished, and `running` is the one that has been running
 * longest (NULL when none is).  Set before batch_run(); NULL for none.  A
 * namespaced run calls it from the namespace's process. */
typedef void (*batch_progress_fn)(void *ctx, size_t done, size_t n,
				  const struct lc_case *running);
void batch_set_progress(batch_progress_fn fn, void *ctx);

/* Runs cases[0..n) in `jobs` worker processes (longest first) and writes
 * res[i] for cases[i].  jobs <= 1 runs them here, one after another.
 * Returns 0, or -1 when workers cannot be started. */
int batch_run(const struct lc_case *const *cases, size_t n, int jobs, struct batch_result *res);

/* The same inside a new private network namespace whose net.core.somaxconn
 * is set to somaxconn; *p receives the namespace's facts.  Returns 0; 1 with
 * the reason in why when no such namespace can be had here (the caller
 * skips); -1 on failure (why says it). */
int batch_run_netns(long somaxconn, const struct lc_case *const *cases, size_t n, int jobs,
		    struct batch_result *res, struct platform *p, char *why, size_t len);

#endif
