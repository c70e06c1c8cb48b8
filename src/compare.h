/* compare.h: records side by side.  Each record becomes a column judged
 * against POSIX with its own facts; the marks every view of a comparison
 * shows (text, Markdown, HTML) come from here: a '*' after a cell that
 * deviates from POSIX, a row where the platforms differ. */
#ifndef LC_COMPARE_H
#define LC_COMPARE_H

#include <stddef.h>

#include "catalogue.h"
#include "recread.h"
#include "verdict.h"

#define COMPARE_MAX_RECORDS 16

struct column {
	struct record rec;
	char label[128];          /* the name, marked " (predicted)" for a prediction */
	struct obs *obs;          /* by catalogue index */
	struct judgement *j;      /* by catalogue index (when observed) */
	int counts[5];            /* POSIX outcomes */
};

struct comparison {
	const struct lc_case *all; /* the catalogue */
	size_t nall;
	struct column cols[COMPARE_MAX_RECORDS];
	int ncols;
};

void compare_init(struct comparison *cmp);

/* Loads the record at path and judges it as the next column.  Returns 0, or
 * non-zero with the reader's messages in err. */
int compare_add(struct comparison *cmp, const char *path, char *err, size_t errlen);

void compare_free(struct comparison *cmp);

/* Does any column have an observation of case i? */
int compare_shown(const struct comparison *cmp, size_t i);

/* Do the platforms differ on case i (skips and absent cells aside)? */
int compare_differs(const struct comparison *cmp, size_t i);

/* Does the column's observation of case i deviate from POSIX? */
int compare_deviates(const struct column *c, size_t i);

/* The cell of case i: the token, '*' after a deviation, "-" when absent. */
void compare_cell(char *buf, size_t len, const struct column *c, size_t i);

/* What POSIX requires of the case: "EBADF (E1)", "impl.-defined (A3)". */
void compare_posix_cell(char *buf, size_t len, const struct lc_case *c);

/* Was the column predicted (derived from an expectation file) rather than
 * measured? */
int compare_predicted(const struct column *c);

#endif
