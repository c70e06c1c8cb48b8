/* predict.c: records predicted from expectation files (see predict.h). */
#define _POSIX_C_SOURCE 200809L
#include "predict.h"
#include "catalogue.h"
#include "diag.h"
#include "expect.h"
#include "record.h"
#include "recread.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* What the record reader keeps of a derived-from line. */
#define REC_DERIVED_MAX ((int)sizeof ((struct record *)0)->derived_from)

void facts_init(struct facts *f)
{
	memset(f, 0, sizeof *f);
	f->p.somaxconn = f->p.somaxconn_macro = -1;
	f->p.nofile_soft = f->p.nofile_hard = -1;
	f->p.tcp_syncookies = f->p.tcp_abort_on_overflow = -1;
}

struct fact_name {
	const char *name;
	unsigned bit;
	size_t offset; /* of the text field, or of the long for numbers */
	size_t size;   /* 0: a number */
};

#define TEXT(n, bit, field) {n, bit, offsetof(struct platform, field), \
			     sizeof ((struct platform *)0)->field}
#define NUMBER(n, bit, field) {n, bit, offsetof(struct platform, field), 0}

static const struct fact_name fact_names[] = {
	TEXT("platform", FACT_PLATFORM, name),
	TEXT("os", FACT_OS, os),
	TEXT("release", FACT_RELEASE, release),
	TEXT("machine", FACT_MACHINE, machine),
	TEXT("libc", FACT_LIBC, libc),
	NUMBER("somaxconn", FACT_SOMAXCONN, somaxconn),
	NUMBER("SOMAXCONN", FACT_SOMAXCONN_MACRO, somaxconn_macro),
	NUMBER("nofile", FACT_NOFILE, nofile_soft),
	NUMBER("RLIMIT_NOFILE", FACT_NOFILE, nofile_soft),
};
#define NFACTS (sizeof fact_names / sizeof fact_names[0])

int facts_set(struct facts *f, const char *assignment, char *err, size_t errlen)
{
	const char *eq = strchr(assignment, '='), *value;
	const struct fact_name *fn = NULL;
	size_t i, klen;

	if (eq == NULL || eq == assignment) {
		snprintf(err, errlen, "'%.80s' is not NAME=VALUE", assignment);
		return -1;
	}
	klen = (size_t)(eq - assignment);
	value = eq + 1;
	for (i = 0; i < NFACTS; i++)
		if (strlen(fact_names[i].name) == klen &&
		    strncmp(fact_names[i].name, assignment, klen) == 0)
			fn = &fact_names[i];
	if (fn == NULL) {
		snprintf(err, errlen, "unknown fact '%.*s' (facts: platform, os, release, machine, "
			 "libc, somaxconn, SOMAXCONN, nofile)", (int)(klen < 60 ? klen : 60), assignment);
		return -1;
	}
	if (f->stated & fn->bit) {
		snprintf(err, errlen, "the fact %s is stated twice", fn->name);
		return -1;
	}
	if (value[0] == '\0') {
		snprintf(err, errlen, "the fact %s has no value", fn->name);
		return -1;
	}
	for (i = 0; value[i] != '\0'; i++) {
		if (!isprint((unsigned char)value[i])) {
			snprintf(err, errlen, "the value of %s has a control character", fn->name);
			return -1;
		}
	}
	if (fn->size > 0) {
		if (strlen(value) >= fn->size) {
			snprintf(err, errlen, "the value of %s is longer than %zu characters", fn->name,
				 fn->size - 1);
			return -1;
		}
		if (fn->bit == FACT_RELEASE && !isdigit((unsigned char)value[0])) {
			snprintf(err, errlen, "release '%s' does not start with a version number "
				 "(e.g. 14.1-RELEASE)", value);
			return -1;
		}
		snprintf((char *)&f->p + fn->offset, fn->size, "%s", value);
	} else {
		char *end;
		long v;
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' || v < 0 || v > INT_MAX) {
			snprintf(err, errlen, "%s needs an integer from 0 to %d, not '%.60s'",
				 fn->name, INT_MAX, value);
			return -1;
		}
		*(long *)((char *)&f->p + fn->offset) = v;
	}
	f->stated |= fn->bit;
	return 0;
}

/* The id of a case not yet evaluated that the expression refers to as
 * {id}, or NULL. */
static const char *pending_reference(const char *text, const struct lc_case *all,
				     const char *done, size_t nall)
{
	const char *s = text;
	while ((s = strchr(s, '{')) != NULL) {
		const char *close = strchr(++s, '}');
		size_t i, n;
		if (close == NULL)
			return NULL;
		n = (size_t)(close - s);
		for (i = 0; i < nall; i++)
			if (!done[i] && strlen(all[i].id) == n && strncmp(all[i].id, s, n) == 0)
				return all[i].id;
		s = close;
	}
	return NULL;
}

static void print_header(FILE *out, const char *path, const struct facts *f,
			 const struct platform *p, const char *name)
{
	fprintf(out, "# listen-conformance record: 1\n");
	if (name != NULL && name[0] != '\0')
		fprintf(out, "# name: %s\n", name);
	fprintf(out, "# derived-from: %s\n", path);
	fprintf(out, "# A prediction, not a measurement (listen-predict): every token below is "
		"what that expectation file says at the facts stated here.\n");
	fprintf(out, "# platform: %s\n", p->name);
	if (f->stated & FACT_OS)
		fprintf(out, "# os: %s\n", p->os);
	if (f->stated & FACT_RELEASE)
		fprintf(out, "# release: %s\n", p->release);
	if (f->stated & FACT_MACHINE)
		fprintf(out, "# machine: %s\n", p->machine);
	if (f->stated & FACT_LIBC)
		fprintf(out, "# libc: %s\n", p->libc);
	if (f->stated & FACT_SOMAXCONN)
		fprintf(out, "# somaxconn: %ld\n", p->somaxconn);
	if (f->stated & FACT_SOMAXCONN_MACRO)
		fprintf(out, "# SOMAXCONN: %ld\n", p->somaxconn_macro);
	if (f->stated & FACT_NOFILE)
		fprintf(out, "# RLIMIT_NOFILE: %ld\n", p->nofile_soft);
}

/* Can s go on a header line (and be read back whole)? */
static int printable(const char *s, size_t max)
{
	size_t i;
	for (i = 0; s[i] != '\0'; i++)
		if (!isprint((unsigned char)s[i]))
			return 0;
	return i < max;
}

/* The platform name from the file's: results/freebsd.exp -> freebsd. */
static void name_from_path(char *buf, size_t len, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".exp") == 0)
		n -= 4;
	snprintf(buf, len, "%.*s", (int)n, base);
}

int predict_record(FILE *out, const char *path, const struct facts *f, const char *name,
		   size_t *left_out, char *err, size_t errlen)
{
	struct expectations x;
	struct platform p = f->p;
	struct obs_set set;
	struct diag d;
	const struct lc_case *all;
	const struct exp_entry **ent = NULL;
	struct obs *obs = NULL;
	char *done = NULL, token[OBS_TOKEN_MAX], msg[300];
	size_t i, nall;
	int progress, r;

	*left_out = 0;
	if (!printable(path, REC_DERIVED_MAX) || (name != NULL && !printable(name, 96))) {
		snprintf(err, errlen, "%.200s: the file's path and the record's name must be "
			 "printable, and shorter than %d and 96 characters\n", path, REC_DERIVED_MAX);
		return 1;
	}
	if (!(f->stated & FACT_PLATFORM))
		name_from_path(p.name, sizeof p.name, path);
	all = catalogue_all(&nall);
	/* Loading checks every expression with the stated facts: one that
	 * needs a fact not stated is an error there, at its line. */
	if (expect_load(&x, path, all, nall, &p, err, errlen) != 0) {
		expect_free(&x);
		return 1;
	}
	diag_init(&d, x.path, err, errlen);
	for (i = 0; i < x.n; i++)
		if (x.v[i].ncond > 0 && !(f->stated & FACT_RELEASE))
			diag_report(&d, x.v[i].line, "%s has a [kernel ...] condition: it needs the "
				    "fact 'release', which was not stated", x.v[i].c->id);
	ent = calloc(nall, sizeof *ent);
	obs = calloc(nall, sizeof *obs);
	done = calloc(nall, 1);
	if (ent == NULL || obs == NULL || done == NULL) {
		diag_report(&d, 0, "out of memory");
		goto out;
	}
	if (d.nerr > 0)
		goto out;
	for (i = 0; i < nall; i++) {
		ent[i] = expect_find(&x, &all[i], &p);
		if (ent[i] == NULL) {
			done[i] = 1;
			(*left_out)++;
		}
	}
	set.base = all;
	set.obs = obs;
	set.n = nall;
	/* {case-id} references: evaluate in dependency order, as many passes
	 * as the longest chain of references.  A case that refers to one that
	 * is predicted to give no number (or has no line) is skipped, as a run
	 * would skip it; what is left at the end refers round a loop. */
	do {
		progress = 0;
		for (i = 0; i < nall; i++) {
			if (done[i])
				continue;
			r = expect_token(ent[i], &p, &set, token, sizeof token, msg, sizeof msg);
			if (r == -2 && pending_reference(ent[i]->value, all, done, nall) != NULL)
				continue;
			done[i] = 1;
			progress = 1;
			if (r == -2) {
				obs_skip(&obs[i], "not predicted: the expectation at %s:%d %s", x.path,
					 ent[i]->line, msg);
			} else if (r != 0) {
				diag_report(&d, ent[i]->line, "%s %s", all[i].id, msg);
			} else if (strlen(token) + 1 >= sizeof token) {
				diag_report(&d, ent[i]->line, "%s: the value is too long for a record",
					    all[i].id);
			} else {
				obs_clear(&obs[i]);
				snprintf(obs[i].token, sizeof obs[i].token, "%s", token);
				obs_note(&obs[i], "%s:%d", x.path, ent[i]->line);
			}
		}
	} while (progress);
	for (i = 0; i < nall; i++)
		if (!done[i])
			diag_report(&d, ent[i]->line, "%s refers to {%s}, which refers back to it "
				    "(a circular reference)", all[i].id,
				    pending_reference(ent[i]->value, all, done, nall));
	if (d.nerr > 0)
		goto out;
	print_header(out, path, f, &p, name);
	for (i = 0; i < nall; i++)
		if (obs[i].token[0] != '\0')
			record_line(out, &all[i], &obs[i]);
out:
	diag_finish(&d);
	free(ent);
	free(obs);
	free(done);
	expect_free(&x);
	return d.nerr;
}
