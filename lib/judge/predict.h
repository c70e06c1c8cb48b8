/* predict.h: predicted records.  An expectation file says what a platform
 * does at given facts (somaxconn, SOMAXCONN, the kernel release, ...);
 * stating those facts turns it into a record of the usual format, marked
 * "# derived-from: FILE" so that nothing takes it for a measurement.
 *
 * Only stated facts are used: a fact an expression needs, or a release a
 * [kernel ...] condition needs, that was not stated is an error naming the
 * fact and the line.  Nothing is defaulted. */
#ifndef LC_PREDICT_H
#define LC_PREDICT_H

#include <stddef.h>
#include <stdio.h>

#include "platform.h"

struct facts {
	struct platform p; /* the stated facts; every other one unknown */
	unsigned stated;   /* FACT_* bits */
};

enum {
	FACT_PLATFORM = 1 << 0,
	FACT_OS = 1 << 1,
	FACT_RELEASE = 1 << 2,
	FACT_MACHINE = 1 << 3,
	FACT_LIBC = 1 << 4,
	FACT_SOMAXCONN = 1 << 5,
	FACT_SOMAXCONN_MACRO = 1 << 6,
	FACT_NOFILE = 1 << 7,
};

/* No fact stated. */
void facts_init(struct facts *f);

/* States one fact, "NAME=VALUE": platform, os, release, machine, libc
 * (text); somaxconn, SOMAXCONN, nofile (alias RLIMIT_NOFILE) (integers).
 * Returns 0, or -1 with the problem in err (an unknown name, a bad value,
 * a fact stated twice). */
int facts_set(struct facts *f, const char *assignment, char *err, size_t errlen);

/* Writes the record that the expectation file at path predicts at the
 * facts f, labelled name (may be NULL).  path is written as given in the
 * "# derived-from:" line.  Nothing is written unless every line that
 * applies evaluates.  Returns 0, or the number of errors (each "FILE:LINE:
 * problem" in err).  *left_out is the number of catalogue cases the file
 * has no line for (at this release); they are not in the record. */
int predict_record(FILE *out, const char *path, const struct facts *f, const char *name,
		   size_t *left_out, char *err, size_t errlen);

#endif
