/* verdict.c: expectation and POSIX verdicts (see verdict.h). */
#define _POSIX_C_SOURCE 200809L
#include "verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int posix_allows(const char *allowed, const char *token)
{
	size_t n = strlen(token);
	const char *p = allowed;
	while (p != NULL && *p != '\0') {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, token, n) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

static int token_integer(const char *t, long long *v)
{
	char *end;
	if (*t == '\0')
		return 0;
	*v = strtoll(t, &end, 10);
	return *end == '\0';
}

/* A4: no smaller non-negative backlog of the same kind gave a larger depth. */
static enum posix_outcome monotonic(const struct judgement *j, long long depth,
				    const struct platform *p, const struct obs_set *set,
				    char *why, size_t len)
{
	const struct lc_case *c = j->c;
	struct obs scratch;
	int b, b2;
	size_t i;

	if (set == NULL || catalogue_backlog(c, p, &b, &scratch) != 0) {
		snprintf(why, len, "needs the other depths of %s", c->kind ? c->kind : "this kind");
		return POSIX_UNJUDGED;
	}
	for (i = 0; i < set->n; i++) {
		const struct lc_case *o = &set->base[i];
		long long d2;
		if (o == c || o->observer != c->observer || o->kind == NULL || c->kind == NULL ||
		    strcmp(o->kind, c->kind) != 0 || !token_integer(set->obs[i].token, &d2) ||
		    catalogue_backlog(o, p, &b2, &scratch) != 0 || b2 < 0 || b2 >= b)
			continue;
		if (d2 > depth) {
			snprintf(why, len, "%s gave %lld, more than %lld", o->id, d2, depth);
			return POSIX_DEVIATES;
		}
	}
	return POSIX_CONFORMS;
}

/* "OP EXPR": the observed number against an expression. */
static enum posix_outcome relation(const struct judgement *j, const struct platform *p,
				   const struct obs_set *set, char *why, size_t len)
{
	const char *rel = j->c->posix, *rest;
	long long got, want;
	char op[3] = "";
	int r, ok;

	if (!token_integer(j->obs.token, &got)) {
		snprintf(why, len, "observed %s, not a number", j->obs.token);
		return POSIX_DEVIATES;
	}
	if (strcmp(rel, "monotonic") == 0)
		return monotonic(j, got, p, set, why, len);
	rest = rel;
	while (*rest == '<' || *rest == '>' || *rest == '=' || *rest == '!') {
		if (rest - rel < 2)
			op[rest - rel] = *rest;
		rest++;
	}
	r = expect_eval(rest, p, set, &want, why, len);
	if (r == -2 || r == -3)
		return POSIX_UNJUDGED;
	if (r != 0) {
		snprintf(why, len, "bad relation '%s' in the catalogue", rel);
		return POSIX_UNJUDGED;
	}
	if (strcmp(op, ">=") == 0)
		ok = got >= want;
	else if (strcmp(op, "<=") == 0)
		ok = got <= want;
	else if (strcmp(op, "==") == 0)
		ok = got == want;
	else if (strcmp(op, "!=") == 0)
		ok = got != want;
	else if (strcmp(op, ">") == 0)
		ok = got > want;
	else
		ok = got < want;
	if (!ok)
		snprintf(why, len, "%lld is not %s %lld", got, op, want);
	return ok ? POSIX_CONFORMS : POSIX_DEVIATES;
}

void judge(const struct lc_case *c, const struct obs *o, const struct expectations *x,
	   const struct platform *p, const struct obs_set *set, struct judgement *j)
{
	const struct exp_entry *e;

	memset(j, 0, sizeof *j);
	j->c = c;
	j->obs = *o;
	if (obs_is_skip(o))
		j->posix = POSIX_SKIPPED;
	else if (c->posix == NULL)
		j->posix = POSIX_IMPLDEF;
	else if (c->observer->numeric)
		j->posix = relation(j, p, set, j->posix_detail, sizeof j->posix_detail);
	else
		j->posix = posix_allows(c->posix, o->token) ? POSIX_CONFORMS : POSIX_DEVIATES;

	if (x == NULL) {
		j->exp = obs_is_skip(o) ? EXP_SKIP : EXP_NOFILE;
		return;
	}
	e = expect_find(x, c, p);
	if (e != NULL) {
		int r;
		j->exp_file = x->path;
		j->exp_line = e->line;
		r = expect_token_standin(e, x, p, set, j->expected, sizeof j->expected,
					 j->exp_error, sizeof j->exp_error, j->exp_standin,
					 sizeof j->exp_standin);
		if (r == -1 || r == -3) {
			j->exp = EXP_BROKEN;
			return;
		}
		if (r == -2 && !obs_is_skip(o)) {
			long long ignored;
			/* What this case is judged by has no number, not even an
			 * expected one.  An observation that is no number at all
			 * is still wrong for a numeric line; a number cannot be
			 * judged. */
			if (c->observer->numeric && !token_integer(o->token, &ignored)) {
				snprintf(j->expected, sizeof j->expected, "a number");
				j->exp = EXP_DIFFER;
				return;
			}
			snprintf(j->obs.note, sizeof j->obs.note, "not judged: the expectation %s",
				 j->exp_error);
			j->exp = EXP_SKIP;
			return;
		}
	}
	if (obs_is_skip(o))
		j->exp = EXP_SKIP;
	else if (e == NULL)
		j->exp = EXP_MISSING;
	else
		j->exp = strcmp(j->expected, o->token) == 0 ? EXP_MATCH : EXP_DIFFER;
}

int judgement_failed(const struct judgement *j)
{
	return j->exp == EXP_DIFFER || j->exp == EXP_MISSING || j->exp == EXP_BROKEN ||
	       strcmp(j->obs.token, "error") == 0;
}

const char *posix_text(const struct judgement *j, char *buf, size_t len)
{
	switch (j->posix) {
	case POSIX_CONFORMS:
		snprintf(buf, len, "conforms to %s", j->c->assertion);
		break;
	case POSIX_DEVIATES:
		if (j->c->observer->numeric)
			snprintf(buf, len, "deviates from %s (%s; POSIX: depth %s)", j->c->assertion,
				 j->posix_detail, j->c->posix);
		else
			snprintf(buf, len, "deviates from %s (POSIX: %s)", j->c->assertion,
				 j->c->posix);
		break;
	case POSIX_IMPLDEF:
		snprintf(buf, len, "implementation-defined (%s)", j->c->assertion);
		break;
	case POSIX_UNJUDGED:
		snprintf(buf, len, "not judged (%s: %s)", j->c->assertion, j->posix_detail);
		break;
	default:
		snprintf(buf, len, "skipped");
	}
	return buf;
}

void judgement_message(const struct judgement *j, char *buf, size_t len)
{
	char pt[300], req[200];
	const char *id = j->c->id;
	const char *obs = j->obs.token;

	if (j->c->posix != NULL && j->c->observer->numeric)
		snprintf(req, sizeof req, "POSIX %s: depth %s", j->c->assertion, j->c->posix);
	else if (j->c->posix != NULL)
		snprintf(req, sizeof req, "POSIX requires %s (%s)", j->c->posix, j->c->assertion);
	else
		snprintf(req, sizeof req, "POSIX leaves it implementation-defined (%s)",
			 j->c->assertion);
	switch (j->exp) {
	case EXP_MATCH:
		snprintf(buf, len, "%s: observed %s, as expected (%s:%d); %s", id, obs, j->exp_file,
			 j->exp_line, posix_text(j, pt, sizeof pt));
		break;
	case EXP_DIFFER:
		snprintf(buf, len, "%s: observed %s, expected %s (%s:%d); %s", id, obs, j->expected,
			 j->exp_file, j->exp_line, req);
		break;
	case EXP_MISSING:
		snprintf(buf, len, "%s: observed %s, but the expectation file has no line for "
			 "this case; %s", id, obs, req);
		break;
	case EXP_BROKEN:
		snprintf(buf, len, "%s: expectation at %s:%d cannot be evaluated: %s", id,
			 j->exp_file, j->exp_line, j->exp_error);
		break;
	case EXP_NOFILE:
		snprintf(buf, len, "%s: observed %s; no expectation file for this platform; %s",
			 id, obs, posix_text(j, pt, sizeof pt));
		break;
	case EXP_SKIP:
		snprintf(buf, len, "%s: %s", id, j->obs.note);
		break;
	}
	if (j->exp_standin[0] != '\0' && (j->exp == EXP_MATCH || j->exp == EXP_DIFFER)) {
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, " [%s]", j->exp_standin);
	} else if (j->exp == EXP_DIFFER && j->exp_error[0] != '\0') {
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, " [the expectation %s]", j->exp_error);
	}
	if (strcmp(obs, "error") == 0 && j->exp != EXP_SKIP) {
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, " [suite error: %s]", j->obs.note);
	}
}

enum test_outcome judgement_test(const struct judgement *j, int leaked, char *msg, size_t len)
{
	char full[1024];
	judgement_message(j, full, sizeof full);
	if (leaked != 0) {
		snprintf(msg, len, "%s: the case left %d descriptor(s) open", j->c->id, leaked);
		return TEST_FAIL;
	}
	if (j->exp == EXP_SKIP) {
		snprintf(msg, len, "%s", j->obs.note);
		return TEST_SKIP;
	}
	if (j->exp == EXP_NOFILE) {
		snprintf(msg, len, "%s", full);
		return TEST_SKIP;
	}
	snprintf(msg, len, "%s", full);
	return judgement_failed(j) ? TEST_FAIL : TEST_PASS;
}
