/* diag.h: error messages for the readers of user input (expectation files,
 * records): every problem as "FILE:LINE: problem", one per line, the first
 * DIAG_MAX_REPORTED spelled out and the rest counted. */
#ifndef LC_DIAG_H
#define LC_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define DIAG_MAX_REPORTED 20

struct diag {
	const char *path;
	char *err;
	size_t errlen, used;
	int nerr;
};

void diag_init(struct diag *d, const char *path, char *err, size_t errlen);

/* line 0: a problem of the whole file ("FILE: problem"). */
void diag_report(struct diag *d, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds "... and N more errors" when some were only counted. */
void diag_finish(struct diag *d);

/* Checks one line as getline() read it and strips its line ending: a NUL
 * byte, more than max characters or a control character (other than tab)
 * is reported, naming `what` the file should have been.  Returns 0 when the
 * line can be parsed. */
int diag_line(struct diag *d, int line, char *text, size_t len, size_t max, const char *what);

/* Opens d->path for reading, reporting why not (missing, unreadable, or a
 * directory where `what` was wanted).  NULL when it cannot. */
FILE *diag_open(struct diag *d, const char *what);

/* Strips spaces and tabs at both ends, in place. */
char *diag_trim(char *s);

#endif
