/* recread.c: the record reader (see recread.h). */
#define _POSIX_C_SOURCE 200809L
#include "recread.h"
#include "diag.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct reader {
	struct record *r;
	struct diag d;
	int in_body; /* a case line was seen */
};

static long number_or(const char *v, long unknown)
{
	char *end;
	long n;
	errno = 0;
	n = strtol(v, &end, 10);
	return (errno != 0 || end == v) ? unknown : n;
}

static void header(struct reader *R, int line, const char *key, const char *value)
{
	struct platform *p = &R->r->p;
	if (strcmp(key, "derived-from") == 0) {
		/* Marks a prediction: never let it pass for a measurement by
		 * being cut short or left empty. */
		if (value[0] == '\0')
			diag_report(&R->d, line, "derived-from names no file");
		else if (strlen(value) >= sizeof R->r->derived_from)
			diag_report(&R->d, line, "derived-from is longer than %zu characters",
				    sizeof R->r->derived_from - 1);
		else if (R->r->derived_from[0] != '\0')
			diag_report(&R->d, line, "derived-from appears twice");
		else
			snprintf(R->r->derived_from, sizeof R->r->derived_from, "%s", value);
	} else if (strcmp(key, "listen-conformance record") == 0)
		R->r->version = (int)number_or(value, 0);
	else if (strcmp(key, "name") == 0)
		snprintf(R->r->name, sizeof R->r->name, "%s", value);
	else if (strcmp(key, "platform") == 0)
		snprintf(p->name, sizeof p->name, "%s", value);
	else if (strcmp(key, "os") == 0)
		snprintf(p->os, sizeof p->os, "%s", value);
	else if (strcmp(key, "release") == 0)
		snprintf(p->release, sizeof p->release, "%s", value);
	else if (strcmp(key, "machine") == 0)
		snprintf(p->machine, sizeof p->machine, "%s", value);
	else if (strcmp(key, "libc") == 0)
		snprintf(p->libc, sizeof p->libc, "%s", value);
	else if (strcmp(key, "somaxconn") == 0)
		p->somaxconn = number_or(value, -1);
	else if (strcmp(key, "somaxconn-source") == 0)
		snprintf(p->somaxconn_source, sizeof p->somaxconn_source, "%s", value);
	else if (strcmp(key, "SOMAXCONN") == 0)
		p->somaxconn_macro = number_or(value, -1);
	else if (strcmp(key, "RLIMIT_NOFILE") == 0)
		p->nofile_soft = strcmp(value, "unlimited") == 0 ? -1 : number_or(value, -1);
	else if (strcmp(key, "tcp_syncookies") == 0)
		p->tcp_syncookies = number_or(value, -1);
	else if (strcmp(key, "tcp_abort_on_overflow") == 0)
		p->tcp_abort_on_overflow = number_or(value, -1);
	else if (strcmp(key, "network-namespace") == 0)
		p->private_netns = strcmp(value, "private") == 0;
	/* other keys: ignored, so newer records still read */
}

static int valid_id(const char *id)
{
	if (*id == '\0' || strlen(id) >= REC_ID_MAX)
		return 0;
	for (; *id != '\0'; id++)
		if (!isalnum((unsigned char)*id) && strchr(".-+_", *id) == NULL)
			return 0;
	return 1;
}

static int valid_token(const char *t)
{
	if (*t == '\0' || strlen(t) >= OBS_TOKEN_MAX)
		return 0;
	for (; *t != '\0'; t++)
		if (!isalnum((unsigned char)*t) && strchr(",:-+_.", *t) == NULL)
			return 0;
	return 1;
}

static void body(struct reader *R, int line, char *text)
{
	struct rec_line l;
	char *tab = strchr(text, '\t'), *token, *note = NULL;
	size_t i;

	memset(&l, 0, sizeof l);
	l.line = line;
	if (tab == NULL) {
		diag_report(&R->d, line, "expected CASE-ID<TAB>TOKEN");
		return;
	}
	*tab = '\0';
	token = tab + 1;
	tab = strchr(token, '\t');
	if (tab != NULL) {
		*tab = '\0';
		note = diag_trim(tab + 1);
		if (*note != '#') {
			diag_report(&R->d, line, "text after the token must be a note: <TAB># note");
			return;
		}
		note = diag_trim(note + 1);
	}
	if (!valid_id(text)) {
		diag_report(&R->d, line, "bad case id '%.60s'", text);
		return;
	}
	if (!valid_token(token)) {
		diag_report(&R->d, line, "bad token '%.60s' for %s", token, text);
		return;
	}
	for (i = 0; i < R->r->n; i++) {
		if (strcmp(R->r->v[i].id, text) == 0) {
			diag_report(&R->d, line, "%s appears twice (first at line %d)", text, R->r->v[i].line);
			return;
		}
	}
	snprintf(l.id, sizeof l.id, "%s", text);
	snprintf(l.o.token, sizeof l.o.token, "%s", token);
	if (note != NULL)
		snprintf(l.o.note, sizeof l.o.note, "%s", note);
	if (R->r->n == R->r->cap) {
		size_t cap = R->r->cap ? R->r->cap * 2 : 128;
		struct rec_line *v = realloc(R->r->v, cap * sizeof *v);
		if (v == NULL) {
			diag_report(&R->d, line, "out of memory");
			return;
		}
		R->r->v = v;
		R->r->cap = cap;
	}
	R->r->v[R->r->n++] = l;
}

static void parse_line(struct reader *R, int line, char *text, size_t len)
{
	if (diag_line(&R->d, line, text, len, REC_LINE_MAX, "a record") != 0)
		return;
	if (line == 1 && strncmp(text, "# listen-conformance record:", 28) != 0) {
		diag_report(&R->d, line, "not a listen-conformance record (the first line must be "
		       "'# listen-conformance record: 1')");
		return;
	}
	if (text[0] == '#') {
		char *colon = strchr(text, ':');
		if (!R->in_body && colon != NULL) {
			*colon = '\0';
			header(R, line, diag_trim(text + 1), diag_trim(colon + 1));
		}
		return;
	}
	if (*diag_trim(text) == '\0')
		return;
	R->in_body = 1;
	body(R, line, text);
}

static void default_name(struct record *r)
{
	char *s = r->name;
	size_t len = sizeof r->name;
	int v[3];
	if (r->name[0] != '\0')
		return;
	platform_kernel_version(&r->p, v);
	if (r->p.release[0] != '\0' &&
	    (strcmp(r->p.name, "linux") == 0 || strcmp(r->p.name, "freebsd") == 0))
		snprintf(s, len, "%s-%d.%d", r->p.name, v[0], v[1]);
	else
		snprintf(s, len, "%s", r->p.name[0] ? r->p.name : "unknown");
	if (strstr(r->p.libc, "musl") != NULL)
		strncat(s, "-musl", len - strlen(s) - 1);
	if (r->p.private_netns && r->p.somaxconn >= 0) {
		size_t n = strlen(s);
		snprintf(s + n, len - n, "-somaxconn%ld", r->p.somaxconn);
	}
}

static void reader_init(struct reader *R, struct record *r, const char *name, char *err,
			size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->p.somaxconn = r->p.somaxconn_macro = r->p.nofile_soft = r->p.nofile_hard = -1;
	r->p.tcp_syncookies = r->p.tcp_abort_on_overflow = -1;
	snprintf(r->path, sizeof r->path, "%s", name);
	memset(R, 0, sizeof *R);
	R->r = r;
	diag_init(&R->d, r->path, err, errlen);
}

static int read_stream(struct reader *R, FILE *f)
{
	struct record *r = R->r;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int line = 0;

	while ((n = getline(&buf, &cap, f)) >= 0)
		parse_line(R, ++line, buf, (size_t)n);
	if (ferror(f))
		diag_report(&R->d, line, "read error: %s", strerror(errno));
	free(buf);
	if (line == 0)
		diag_report(&R->d, 0, "empty file: not a record");
	else if (R->d.nerr == 0 && r->version != 1)
		diag_report(&R->d, 1, "record version %d is not one this reader knows (1)", r->version);
	else if (R->d.nerr == 0 && r->n == 0)
		diag_report(&R->d, 0, "the record has no observations");
	diag_finish(&R->d);
	default_name(r);
	return R->d.nerr;
}

int record_load_stream(struct record *r, const char *name, FILE *f, char *err, size_t errlen)
{
	struct reader R;
	reader_init(&R, r, name, err, errlen);
	return read_stream(&R, f);
}

int record_load(struct record *r, const char *path, char *err, size_t errlen)
{
	struct reader R;
	FILE *f;
	int n;

	reader_init(&R, r, path, err, errlen);
	f = diag_open(&R.d, "a record");
	if (f == NULL)
		return R.d.nerr;
	n = read_stream(&R, f);
	fclose(f);
	return n;
}

void record_free(struct record *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

const struct obs *record_find(const struct record *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i].o;
	return NULL;
}
