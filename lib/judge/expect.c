/* expect.c: reading and checking expectation files (format in expect.h). */
#define _POSIX_C_SOURCE 200809L
#include "expect.h"
#include "diag.h"
#include "errnames.h"
#include "expr.h"
#include "catalogue.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef LISTEN_RESULTS_DIR_DEFAULT
#define LISTEN_RESULTS_DIR_DEFAULT "results"
#endif
/* The source tree's results/ and the build tree, compiled in by the
 * Makefile: a program run from the build tree reads the expectation files
 * of the sources it was built from, with no make install. */
#ifdef LISTEN_SOURCE_RESULTS_DIR
static const char *source_results_dir = LISTEN_SOURCE_RESULTS_DIR;
#else
static const char *source_results_dir; /* none: fuzzers, other builds */
#endif
#ifdef LISTEN_BUILD_DIR
static const char *build_dir = LISTEN_BUILD_DIR;
#else
static const char *build_dir;
#endif

static int from_build_tree;

static int is_dir(const char *path)
{
	struct stat st;
	return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void expect_set_program(const char *argv0)
{
	char built[4096], dir[4096];
	const char *build = build_dir, *slash;
	struct stat a, b;

	from_build_tree = 0;
	/* Found through PATH (no slash): an installed program. */
	if (build == NULL || argv0 == NULL || (slash = strrchr(argv0, '/')) == NULL)
		return;
	if ((size_t)(slash - argv0) >= sizeof dir)
		return;
	/* The program's directory is the build tree's src/ (the same file,
	 * however either path is spelled). */
	memcpy(dir, argv0, (size_t)(slash - argv0));
	dir[slash - argv0] = '\0';
	snprintf(built, sizeof built, "%s/src", build);
	if (stat(dir[0] != '\0' ? dir : "/", &a) == 0 && stat(built, &b) == 0)
		from_build_tree = a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

const char *expect_default_dir(void)
{
	const char *dir = getenv("LISTEN_RESULTS_DIR");
	const char *source = source_results_dir;
	if (dir != NULL && dir[0] != '\0')
		return dir;
	if (from_build_tree && is_dir(source))
		return source;
	if (!is_dir(LISTEN_RESULTS_DIR_DEFAULT) && is_dir(source))
		return source;
	return LISTEN_RESULTS_DIR_DEFAULT;
}

struct loader {
	struct expectations *x;
	const struct lc_case *cat;
	size_t ncat;
	const struct platform *p;
	struct diag d;
};

struct eval_ctx {
	const struct platform *p;
	const struct lc_case *cat;
	size_t ncat;
	const struct obs_set *set; /* NULL while loading: references are checked only */
	/* When set, a reference whose case has no number in set is given the
	 * value that case's own expectation stands for (depth: nesting). */
	const struct expectations *x;
	int depth;
	int unresolved;
	int missing_fact; /* a fact the expression needs has no known value */
	char detail[256];
	char stand_in[200]; /* which references were given their expected value */
};

static int eval_with(struct eval_ctx *ctx, const char *text, long long *v, char *err,
		     size_t errlen);

/* The reference to case c had no number: its own expectation stands in,
 * if it has one that evaluates.  Returns 0 with *v, or -1. */
static int stand_in(struct eval_ctx *ctx, const struct lc_case *c, const char *why,
		    long long *v)
{
	const struct exp_entry *e;
	struct eval_ctx sub;
	char err[sizeof ctx->detail];
	size_t n;

	if (ctx->x == NULL || ctx->depth >= 4)
		return -1;
	e = expect_find(ctx->x, c, ctx->p);
	if (e == NULL || strchr(e->value, ':') != NULL)
		return -1;
	sub = *ctx;
	sub.depth++;
	sub.unresolved = 0;
	sub.stand_in[0] = '\0';
	if (eval_with(&sub, e->value, v, err, sizeof err) != 0)
		return -1;
	n = strlen(ctx->stand_in);
	snprintf(ctx->stand_in + n, sizeof ctx->stand_in - n, "%s%s %s, so its expected %lld "
		 "stands in", n > 0 ? "; " : "", c->id, why, *v);
	return 0;
}

/* A stand-in for a reference's value while a file is only being checked. */
#define REFERENCE_PLACEHOLDER 1000003

static int eval_lookup(void *vctx, const char *name, long long *v)
{
	struct eval_ctx *ctx = vctx;
	const struct lc_case *c = NULL;
	const struct obs *o;
	char id[96], *end;
	size_t n = strlen(name);

	if (name[0] != '{') {
		if (platform_fact(ctx->p, name, v) == 0)
			return 0;
		if (platform_fact_is_name(name) && !ctx->missing_fact) {
			ctx->missing_fact = 1;
			snprintf(ctx->detail, sizeof ctx->detail, "%s", name);
		}
		return -1;
	}
	if (n < 3 || n - 2 >= sizeof id)
		return -1;
	memcpy(id, name + 1, n - 2);
	id[n - 2] = '\0';
	for (n = 0; n < ctx->ncat && strcmp(ctx->cat[n].id, id) != 0; n++)
		;
	c = n < ctx->ncat ? &ctx->cat[n] : NULL;
	if (c == NULL || !c->observer->numeric)
		return -1;
	if (ctx->set == NULL) {
		*v = REFERENCE_PLACEHOLDER;
		return 0;
	}
	o = obs_set_find(ctx->set, id, NULL);
	if (o == NULL || o->token[0] == '\0') {
		if (stand_in(ctx, c, "did not run", v) == 0)
			return 0;
		ctx->unresolved = 1;
		snprintf(ctx->detail, sizeof ctx->detail, "needs %s, which did not run", id);
		return -1;
	}
	*v = strtoll(o->token, &end, 10);
	if (end == o->token || *end != '\0') {
		char why[96];
		snprintf(why, sizeof why, "observed %.63s", o->token);
		if (stand_in(ctx, c, why, v) == 0)
			return 0;
		ctx->unresolved = 1;
		snprintf(ctx->detail, sizeof ctx->detail, "needs %.80s, which observed %.63s", id, o->token);
		return -1;
	}
	return 0;
}

static int eval_with(struct eval_ctx *ctx, const char *text, long long *v, char *err,
		     size_t errlen)
{
	if (expr_eval(text, eval_lookup, ctx, v, err, errlen) == 0)
		return 0;
	if (ctx->missing_fact) {
		snprintf(err, errlen, "needs the fact '%s', which is not known", ctx->detail);
		return -3;
	}
	if (ctx->unresolved) {
		snprintf(err, errlen, "%s", ctx->detail);
		return -2;
	}
	return -1;
}

static void ctx_init(struct eval_ctx *ctx, const struct platform *p, const struct obs_set *set,
		     const struct expectations *x)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->p = p;
	ctx->set = set;
	ctx->x = x;
	if (set != NULL) {
		ctx->cat = set->base;
		ctx->ncat = set->n;
	} else {
		ctx->cat = catalogue_all(&ctx->ncat);
	}
}

int expect_eval(const char *text, const struct platform *p, const struct obs_set *set,
		long long *v, char *err, size_t errlen)
{
	struct eval_ctx ctx;
	ctx_init(&ctx, p, set, NULL);
	return eval_with(&ctx, text, v, err, errlen);
}

static int parse_version(const char *s, int v[3])
{
	int i;
	char *end;
	for (i = 0; i < 3; i++)
		v[i] = 0;
	for (i = 0; i < 3; i++) {
		long n;
		if (!isdigit((unsigned char)*s))
			return -1;
		n = strtol(s, &end, 10);
		if (n > 100000)
			return -1;
		v[i] = (int)n;
		s = end;
		if (*s == '\0')
			return 0;
		if (*s != '.')
			return -1;
		s++;
	}
	return -1;
}

/* "kernel >= 5.4, kernel < 5.11" */
static int parse_conditions(struct loader *L, int line, char *text, struct exp_entry *e)
{
	char *item = text, *next;
	for (; item != NULL; item = next) {
		char *s, *ver;
		int op;

		next = strchr(item, ',');
		if (next != NULL)
			*next++ = '\0';
		s = diag_trim(item);
		if (strncmp(s, "kernel", 6) != 0) {
			diag_report(&L->d, line, "bad condition '%s': expected 'kernel OP VERSION'", s);
			return -1;
		}
		s = diag_trim(s + 6);
		if (strncmp(s, ">=", 2) == 0)
			op = 'g', s += 2;
		else if (strncmp(s, "<=", 2) == 0)
			op = 'l', s += 2;
		else if (strncmp(s, "==", 2) == 0)
			op = '=', s += 2;
		else if (strncmp(s, "!=", 2) == 0)
			op = '!', s += 2;
		else if (*s == '<' || *s == '>')
			op = *s++;
		else {
			diag_report(&L->d, line, "bad condition operator in '%s': use < <= > >= == !=", item);
			return -1;
		}
		ver = diag_trim(s);
		if (e->ncond >= EXP_MAX_CONDS) {
			diag_report(&L->d, line, "at most %d conditions on one line", EXP_MAX_CONDS);
			return -1;
		}
		if (parse_version(ver, e->cond[e->ncond].version) != 0) {
			diag_report(&L->d, line, "bad kernel version '%s': expected N, N.N or N.N.N", ver);
			return -1;
		}
		e->cond[e->ncond++].op = op;
	}
	return 0;
}

static int cond_holds(const struct exp_entry *e, const struct platform *p)
{
	int kv[3], i;
	platform_kernel_version(p, kv);
	for (i = 0; i < e->ncond; i++) {
		const int *v = e->cond[i].version;
		int cmp = kv[0] != v[0] ? (kv[0] < v[0] ? -1 : 1)
			: kv[1] != v[1] ? (kv[1] < v[1] ? -1 : 1)
			: kv[2] != v[2] ? (kv[2] < v[2] ? -1 : 1) : 0;
		int ok;
		switch (e->cond[i].op) {
		case '<': ok = cmp < 0; break;
		case 'l': ok = cmp <= 0; break;
		case '>': ok = cmp > 0; break;
		case 'g': ok = cmp >= 0; break;
		case '=': ok = cmp == 0; break;
		default: ok = cmp != 0; break;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static const struct lc_case *find_case(const struct loader *L, const char *id)
{
	size_t i;
	for (i = 0; i < L->ncat; i++)
		if (strcmp(L->cat[i].id, id) == 0)
			return &L->cat[i];
	return NULL;
}

static int looks_like_errno(const char *v)
{
	if (v[0] != 'E' || v[1] == '\0')
		return 0;
	for (; *v != '\0'; v++)
		if (!isupper((unsigned char)*v) && !isdigit((unsigned char)*v))
			return 0;
	return 1;
}

static void bad_value(struct loader *L, int line, const struct lc_case *c, const char *v)
{
	char words[200] = "";
	const char *const *w;
	const char *colon = strchr(v, ':');

	if (strcmp(v, "skip") == 0 || strcmp(v, "error") == 0) {
		diag_report(&L->d, line, "'%s' cannot be expected: it comes from the machine or the suite, "
		       "not from the platform", v);
		return;
	}
	if (looks_like_errno(v)) {
		diag_report(&L->d, line, "unknown errno name '%s'", v);
		return;
	}
	if (colon != NULL && looks_like_errno(colon + 1) && !errno_name_known(colon + 1)) {
		diag_report(&L->d, line, "unknown errno name '%s'", colon + 1);
		return;
	}
	for (w = c->observer->words; w != NULL && *w != NULL; w++) {
		strncat(words, ", ", sizeof words - strlen(words) - 1);
		strncat(words, *w, sizeof words - strlen(words) - 1);
	}
	diag_report(&L->d, line, "'%s' is not an outcome of %s (expected ok, an errno name or STEP:ERRNO%s)",
	       v, c->id, words);
}

/* A numeric observer's own word (synq's "unbounded"): a literal token, not
 * an expression. */
static int is_observer_word(const struct lc_case *c, const char *v)
{
	const char *const *w;
	for (w = c->observer->words; w != NULL && *w != NULL; w++)
		if (strcmp(v, *w) == 0)
			return 1;
	return 0;
}

static void check_value(struct loader *L, int line, const struct exp_entry *e)
{
	const struct lc_case *c = e->c;
	if (c->observer->numeric && strchr(e->value, ':') == NULL && !is_observer_word(c, e->value)) {
		struct eval_ctx ctx;
		char msg[sizeof ctx.detail];
		long long v;
		int r;
		memset(&ctx, 0, sizeof ctx);
		ctx.p = L->p;
		ctx.cat = L->cat;
		ctx.ncat = L->ncat;
		r = eval_with(&ctx, e->value, &v, msg, sizeof msg);
		if (r == -3)
			diag_report(&L->d, line, "%s %s", c->id, msg);
		else if (r != 0)
			diag_report(&L->d, line, "bad expression '%s': %s", e->value, msg);
		return;
	}
	if (!catalogue_token_valid(c, e->value))
		bad_value(L, line, c, e->value);
}

static void check_duplicate(struct loader *L, int line, const struct exp_entry *e)
{
	size_t i;
	for (i = 0; i < L->x->n; i++) {
		const struct exp_entry *o = &L->x->v[i];
		if (o->c != e->c)
			continue;
		if (o->ncond == 0 || e->ncond == 0) {
			diag_report(&L->d, line, "duplicate expectation for %s (first at line %d)", e->c->id,
			       o->line);
			return;
		}
		/* Without a release (a prediction that states none) no line can
		 * be picked, so none can clash. */
		if (L->p->release[0] == '\0')
			continue;
		if (cond_holds(o, L->p) && cond_holds(e, L->p)) {
			diag_report(&L->d, line, "expectations for %s at lines %d and %d both apply to "
			       "kernel %s", e->c->id, o->line, line, L->p->release);
			return;
		}
	}
}

static int append(struct loader *L, const struct exp_entry *e)
{
	if (L->x->n == L->x->cap) {
		size_t cap = L->x->cap ? L->x->cap * 2 : 64;
		struct exp_entry *v = realloc(L->x->v, cap * sizeof *v);
		if (v == NULL) {
			diag_report(&L->d, e->line, "out of memory");
			return -1;
		}
		L->x->v = v;
		L->x->cap = cap;
	}
	L->x->v[L->x->n++] = *e;
	return 0;
}

static int valid_id_char(int ch)
{
	return isalnum(ch) || ch == '.' || ch == '-' || ch == '+' || ch == '_';
}

static void parse_line(struct loader *L, int line, char *text, size_t len)
{
	struct exp_entry e;
	char *s, *id, *hash, *value;
	size_t i;

	if (diag_line(&L->d, line, text, len, EXP_LINE_MAX, "an expectation file") != 0)
		return;
	s = diag_trim(text);
	if (*s == '\0' || *s == '#')
		return;

	memset(&e, 0, sizeof e);
	e.line = line;
	id = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	for (i = 0; id[i] != '\0'; i++) {
		if (!valid_id_char((unsigned char)id[i])) {
			diag_report(&L->d, line, "bad case id '%.60s': use letters, digits and . - + _", id);
			return;
		}
	}
	e.c = find_case(L, id);
	if (e.c == NULL) {
		diag_report(&L->d, line, "unknown case id '%s'", id);
		return;
	}
	hash = strchr(s, '#');
	if (hash == NULL || *diag_trim(hash + 1) == '\0') {
		diag_report(&L->d, line, "%s has no citation: add '# why' (source file and function, "
		       "man page, or a measured run)", id);
		return;
	}
	*hash = '\0';
	snprintf(e.cite, sizeof e.cite, "%s", diag_trim(hash + 1));
	s = diag_trim(s);
	if (*s == '[') {
		char *close = strchr(s, ']');
		if (close == NULL) {
			diag_report(&L->d, line, "condition has no closing ']'");
			return;
		}
		*close = '\0';
		if (parse_conditions(L, line, s + 1, &e) != 0)
			return;
		s = close + 1;
	}
	value = diag_trim(s);
	if (*value == '\0') {
		diag_report(&L->d, line, "%s has no value", id);
		return;
	}
	if (strlen(value) >= sizeof e.value) {
		diag_report(&L->d, line, "value is too long");
		return;
	}
	snprintf(e.value, sizeof e.value, "%s", value);
	check_value(L, line, &e);
	check_duplicate(L, line, &e);
	append(L, &e);
}

static void loader_init(struct loader *L, struct expectations *x, const char *name,
			const struct lc_case *cat, size_t ncat, const struct platform *p,
			char *err, size_t errlen)
{
	memset(x, 0, sizeof *x);
	snprintf(x->path, sizeof x->path, "%s", name);
	memset(L, 0, sizeof *L);
	L->x = x;
	L->cat = cat;
	L->ncat = ncat;
	L->p = p;
	diag_init(&L->d, x->path, err, errlen);
}

static int load_stream(struct loader *L, FILE *f)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int line = 0;

	while ((n = getline(&buf, &cap, f)) >= 0)
		parse_line(L, ++line, buf, (size_t)n);
	if (ferror(f))
		diag_report(&L->d, line, "read error: %s", strerror(errno));
	free(buf);
	if (L->d.nerr == 0 && L->x->n == 0)
		diag_report(&L->d, 0, "no expectations in the file");
	diag_finish(&L->d);
	return L->d.nerr;
}

int expect_load_stream(struct expectations *x, const char *name, FILE *f,
		       const struct lc_case *cat, size_t ncat, const struct platform *p,
		       char *err, size_t errlen)
{
	struct loader L;
	loader_init(&L, x, name, cat, ncat, p, err, errlen);
	return load_stream(&L, f);
}

int expect_load(struct expectations *x, const char *path, const struct lc_case *cat,
		size_t ncat, const struct platform *p, char *err, size_t errlen)
{
	struct loader L;
	FILE *f;
	int r;

	loader_init(&L, x, path, cat, ncat, p, err, errlen);
	f = diag_open(&L.d, "an expectation file");
	if (f == NULL)
		return L.d.nerr;
	r = load_stream(&L, f);
	fclose(f);
	return r;
}

void expect_free(struct expectations *x)
{
	free(x->v);
	x->v = NULL;
	x->n = x->cap = 0;
}

const struct exp_entry *expect_find(const struct expectations *x, const struct lc_case *c,
				    const struct platform *p)
{
	size_t i;
	for (i = 0; i < x->n; i++)
		if (x->v[i].c == c && cond_holds(&x->v[i], p))
			return &x->v[i];
	return NULL;
}

int expect_token(const struct exp_entry *e, const struct platform *p,
		 const struct obs_set *set, char *token, size_t len, char *err, size_t errlen)
{
	return expect_token_standin(e, NULL, p, set, token, len, err, errlen, NULL, 0);
}

int expect_token_standin(const struct exp_entry *e, const struct expectations *x,
			 const struct platform *p, const struct obs_set *set, char *token,
			 size_t len, char *err, size_t errlen, char *standin, size_t slen)
{
	struct eval_ctx ctx;
	long long v;
	int r;
	if (standin != NULL && slen > 0)
		standin[0] = '\0';
	if (!e->c->observer->numeric || strchr(e->value, ':') != NULL ||
	    is_observer_word(e->c, e->value)) {
		snprintf(token, len, "%s", e->value);
		return 0;
	}
	ctx_init(&ctx, p, set, x);
	r = eval_with(&ctx, e->value, &v, err, errlen);
	if (r != 0)
		return r;
	if (standin != NULL && slen > 0)
		snprintf(standin, slen, "%s", ctx.stand_in);
	snprintf(token, len, "%lld", v);
	return 0;
}

int expect_locate(const struct platform *p, const char *explicit_path, char *path,
		  size_t len, char *err, size_t errlen)
{
	const char *env = getenv("LISTEN_EXPECT");
	const char *forced = getenv("LISTEN_PLATFORM");
	const char *dir = expect_default_dir();

	if (explicit_path != NULL && explicit_path[0] != '\0') {
		snprintf(path, len, "%s", explicit_path);
		return 1;
	}
	if (env != NULL && env[0] != '\0') {
		snprintf(path, len, "%s", env);
		return 1;
	}
	snprintf(path, len, "%s/%s.exp", dir, p->name);
	if (access(path, F_OK) == 0)
		return 1;
	if (forced != NULL && forced[0] != '\0') {
		snprintf(err, errlen, "LISTEN_PLATFORM=%s, but there is no %s", forced, path);
		return -1;
	}
	return 0;
}
