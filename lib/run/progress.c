/* progress.c: the progress line (see progress.h). */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int progress_start(struct progress *pr, FILE *out, const char *who)
{
	const char *cols = getenv("COLUMNS");
	memset(pr, 0, sizeof *pr);
	pr->who = who;
	pr->width = 80;
	if (cols != NULL && atoi(cols) >= 20 && atoi(cols) <= 1000)
		pr->width = atoi(cols);
	if (out == NULL || !isatty(fileno(out)))
		return 0;
	pr->out = out;
	return 1;
}

void progress_update(void *ctx, size_t done, size_t n, const struct lc_case *running)
{
	struct progress *pr = ctx;
	char line[1024];
	int len;

	if (pr == NULL || pr->out == NULL)
		return;
	if (running != NULL)
		snprintf(line, sizeof line, "%s: %zu/%zu done, running %s", pr->who, done, n,
			 running->id);
	else
		snprintf(line, sizeof line, "%s: %zu/%zu done", pr->who, done, n);
	/* One column short of the width, so the terminal never wraps it. */
	len = (int)strlen(line);
	if (len > pr->width - 1) {
		len = pr->width - 1;
		line[len] = '\0';
	}
	/* Back to the start of the line; blanks cover a longer old line. */
	fprintf(pr->out, "\r%s%*s", line, pr->shown > len ? pr->shown - len : 0, "");
	if (pr->shown > len)
		fprintf(pr->out, "\r%s", line);
	fflush(pr->out);
	pr->shown = len;
}

void progress_end(struct progress *pr)
{
	if (pr->out == NULL)
		return;
	/* The line may have been written by another process (a namespaced
	 * run's): blank the whole width. */
	fprintf(pr->out, "\r%*s\r", pr->width - 1, "");
	fflush(pr->out);
	pr->shown = 0;
}
