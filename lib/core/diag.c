/* diag.c: error messages for the readers of user input (see diag.h). */
#define _POSIX_C_SOURCE 200809L
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

void diag_init(struct diag *d, const char *path, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	d->path = path;
	d->err = err;
	d->errlen = errlen;
	if (errlen > 0)
		err[0] = '\0';
}

void diag_report(struct diag *d, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	d->nerr++;
	if (d->nerr > DIAG_MAX_REPORTED || d->used + 2 >= d->errlen)
		return;
	if (line > 0)
		n = snprintf(d->err + d->used, d->errlen - d->used, "%s:%d: ", d->path, line);
	else
		n = snprintf(d->err + d->used, d->errlen - d->used, "%s: ", d->path);
	if (n < 0 || (size_t)n >= d->errlen - d->used) {
		d->used = d->errlen - 1;
		return;
	}
	d->used += (size_t)n;
	va_start(ap, fmt);
	n = vsnprintf(d->err + d->used, d->errlen - d->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= d->errlen - d->used - 1) {
		d->used = d->errlen - 1;
		return;
	}
	d->used += (size_t)n;
	d->err[d->used++] = '\n';
	d->err[d->used] = '\0';
}

void diag_finish(struct diag *d)
{
	if (d->nerr > DIAG_MAX_REPORTED && d->used + 64 < d->errlen)
		snprintf(d->err + d->used, d->errlen - d->used, "%s: ... and %d more errors\n",
			 d->path, d->nerr - DIAG_MAX_REPORTED);
}

int diag_line(struct diag *d, int line, char *text, size_t len, size_t max, const char *what)
{
	size_t i;
	if (memchr(text, '\0', len) != NULL) {
		diag_report(d, line, "binary data (a NUL byte): not %s", what);
		return -1;
	}
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	if (len > max) {
		diag_report(d, line, "line is %zu characters long (the limit is %zu)", len, max);
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
			diag_report(d, line, "unexpected control character 0x%02x at column %zu", ch,
				    i + 1);
			return -1;
		}
	}
	return 0;
}

FILE *diag_open(struct diag *d, const char *what)
{
	struct stat st;
	FILE *f;
	if (stat(d->path, &st) != 0) {
		diag_report(d, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_report(d, 0, "is a directory, not %s", what);
		return NULL;
	}
	f = fopen(d->path, "r");
	if (f == NULL)
		diag_report(d, 0, "cannot read: %s", strerror(errno));
	return f;
}

char *diag_trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}
