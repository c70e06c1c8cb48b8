/* verdict.c: expectation and POSIX verdicts (see verdict.h). */
#define _POSIX_C_SOURCE 200809L
#include "verdict.h"

#include <stdio.h>
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

void judge(const struct lc_case *c, const struct obs *o, const struct expectations *x,
	   const struct platform *p, struct judgement *j)
{
	const struct exp_entry *e;

	memset(j, 0, sizeof *j);
	j->c = c;
	j->obs = *o;
	if (obs_is_skip(o))
		j->posix = POSIX_SKIPPED;
	else if (c->posix == NULL)
		j->posix = POSIX_IMPLDEF;
	else
		j->posix = posix_allows(c->posix, o->token) ? POSIX_CONFORMS : POSIX_DEVIATES;

	if (x == NULL) {
		j->exp = obs_is_skip(o) ? EXP_SKIP : EXP_NOFILE;
		return;
	}
	e = expect_find(x, c, p);
	if (e != NULL) {
		j->exp_file = x->path;
		j->exp_line = e->line;
		if (expect_token(e, p, j->expected, sizeof j->expected, j->exp_error,
				 sizeof j->exp_error) != 0) {
			j->exp = EXP_BROKEN;
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
		snprintf(buf, len, "deviates from %s (POSIX: %s)", j->c->assertion, j->c->posix);
		break;
	case POSIX_IMPLDEF:
		snprintf(buf, len, "implementation-defined (%s)", j->c->assertion);
		break;
	default:
		snprintf(buf, len, "skipped");
	}
	return buf;
}

void judgement_message(const struct judgement *j, char *buf, size_t len)
{
	char pt[160], req[200];
	const char *id = j->c->id;
	const char *obs = j->obs.token;

	if (j->c->posix != NULL)
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
	if (strcmp(obs, "error") == 0 && j->exp != EXP_SKIP) {
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, " [suite error: %s]", j->obs.note);
	}
}
