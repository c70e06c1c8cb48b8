/* progress.h: one self-updating line on a terminal saying how far a run
 * is ("listen-observe: 12/127 done, running depth.tcp4.INT_MAX"); nothing
 * at all when the stream is not a terminal (CI logs, pipes). */
#ifndef LC_PROGRESS_H
#define LC_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "catalogue.h"

struct progress {
	FILE *out;       /* NULL: off */
	const char *who; /* the program's name, to start the line */
	int width;       /* the terminal's columns (COLUMNS, else 80) */
	int shown;       /* length of the line on screen */
};

/* On only when out is a terminal.  Returns whether it is on. */
int progress_start(struct progress *pr, FILE *out, const char *who);

/* A batch_progress_fn (ctx is the struct progress). */
void progress_update(void *ctx, size_t done, size_t n, const struct lc_case *running);

/* Clears the line. */
void progress_end(struct progress *pr);

#endif
