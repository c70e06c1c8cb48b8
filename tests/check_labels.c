/* check_labels: every backlog label is run where it can be told apart from
 * its neighbours.  A label that make check only ever runs where it gives
 * the same depth as the label next to it hides a port that confuses the
 * two (a C library that passes SOMAXCONN for a negative backlog passes
 * every run where somaxconn == SOMAXCONN).  For each area with backlog
 * labels (depth, limit) and each socket kind, the labels are ordered by
 * the backlog they pass at the largest limit the suite uses (65535); each
 * pair of neighbours must give different expected values (this platform's
 * expectation file, evaluated with each run's somaxconn) in some run of
 * tests/runs.c that has both, unless the file makes them equal at every
 * somaxconn up to 65535 (then no run could tell them apart).  Also: the
 * labels that depend on the two limits run at least once below and once
 * above SOMAXCONN.  Nothing here opens a socket: it reads the table of
 * runs and the expectation file. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "catalogue.h"
#include "expect.h"
#include "runs.h"
#include "session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LARGEST 65535
#define MAX_LABELS 64
#define MAX_GROUPS 16

struct group {
	char name[48]; /* depth.tcp4 */
	const struct lc_case *c[MAX_LABELS];
	long long order[MAX_LABELS];
	int n;
	char problem[2048];
};

static struct session S;
static struct group groups[MAX_GROUPS];
static int ngroups;
static struct obs *none; /* an empty observation per catalogue row */
static struct obs_set empty;
static char two_limits_problem[1024];

/* The value this case's expectation stands for at somaxconn (references
 * take their cases' expected values).  Returns 0, or -1. */
static int expected_at(const struct lc_case *c, long somaxconn, char *tok, size_t len)
{
	struct platform p = S.p;
	const struct exp_entry *e;
	char err[256];
	p.somaxconn = somaxconn;
	e = expect_find(&S.x, c, &p);
	if (e == NULL)
		return -1;
	return expect_token_standin(e, &S.x, &p, &empty, tok, len, err, sizeof err, NULL, 0)
		       == 0 ? 0 : -1;
}

static long run_somaxconn(const struct area_run *r)
{
	return r->somaxconn == RUN_HOST ? S.p.somaxconn : r->somaxconn;
}

static void add_case(const struct lc_case *c)
{
	char name[48];
	struct platform p = S.p;
	struct obs scratch;
	int i, b;
	const char *dot = strchr(c->id, '.');
	snprintf(name, sizeof name, "%.*s.%s", (int)(dot - c->id), c->id, c->kind);
	for (i = 0; i < ngroups && strcmp(groups[i].name, name) != 0; i++)
		;
	if (i == ngroups) {
		if (ngroups == MAX_GROUPS)
			return;
		snprintf(groups[ngroups++].name, sizeof groups[0].name, "%s", name);
	}
	if (groups[i].n == MAX_LABELS)
		return;
	p.somaxconn = LARGEST;
	if (catalogue_backlog(c, &p, &b, &scratch) != 0)
		return;
	groups[i].order[groups[i].n] = b;
	groups[i].c[groups[i].n++] = c;
}

/* Stable insertion sort by the backlog passed at the largest limit. */
static void sort_group(struct group *g)
{
	int i, k;
	for (i = 1; i < g->n; i++) {
		const struct lc_case *c = g->c[i];
		long long v = g->order[i];
		for (k = i; k > 0 && g->order[k - 1] > v; k--) {
			g->c[k] = g->c[k - 1];
			g->order[k] = g->order[k - 1];
		}
		g->c[k] = c;
		g->order[k] = v;
	}
}

static void append(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;
	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

static void check_pair(struct group *g, const struct lc_case *a, const struct lc_case *b)
{
	const long sample[] = {1, 16, 128, S.p.somaxconn_macro - 1, S.p.somaxconn_macro,
			       S.p.somaxconn_macro + 1, S.p.somaxconn, 32767, 32768, 32769,
			       LARGEST};
	char ta[64], tb[64];
	const char *la = a->backlog, *lb = b->backlog;
	size_t i;
	int r;

	for (r = 0; r < n_area_runs; r++) {
		const struct area_run *run = &area_runs[r];
		long m = run_somaxconn(run);
		if (!area_run_selects(run, a->id) || !area_run_selects(run, b->id) || m < 0)
			continue;
		if (expected_at(a, m, ta, sizeof ta) == 0 && expected_at(b, m, tb, sizeof tb) == 0 &&
		    strcmp(ta, tb) != 0) {
			printf("# %s: %s and %s told apart in run %s (somaxconn %ld): %s vs %s\n",
			       g->name, la, lb, run->area, m, ta, tb);
			return;
		}
	}
	for (i = 0; i < sizeof sample / sizeof sample[0]; i++) {
		if (sample[i] < 1 || sample[i] > LARGEST)
			continue;
		if (expected_at(a, sample[i], ta, sizeof ta) != 0 ||
		    expected_at(b, sample[i], tb, sizeof tb) != 0) {
			append(g->problem, sizeof g->problem,
			       "%s and %s: no expected value at somaxconn %ld; ", la, lb,
			       sample[i]);
			return;
		}
		if (strcmp(ta, tb) != 0) {
			append(g->problem, sizeof g->problem,
			       "%s and %s differ at somaxconn %ld (%s vs %s), but no run has both "
			       "where they differ; ", la, lb, sample[i], ta, tb);
			return;
		}
	}
	printf("# %s: %s and %s are equal at every somaxconn up to %d (by the expectation "
	       "file): no run can tell them apart\n", g->name, la, lb, LARGEST);
}

/* Each label whose backlog names SOMAXCONN or somaxconn, or is negative,
 * must run below and above SOMAXCONN. */
static void check_two_limits(void)
{
	size_t i, n;
	const struct lc_case *all = catalogue_all(&n);
	for (i = 0; i < n; i++) {
		const struct lc_case *c = &all[i];
		int r, below = 0, above = 0;
		if (c->backlog == NULL || c->observer != &observe_depth ||
		    (strstr(c->backlog, "SOMAXCONN") == NULL &&
		     strstr(c->backlog, "somaxconn") == NULL && c->backlog[0] != '-' &&
		     strcmp(c->backlog, "INT_MIN") != 0))
			continue;
		for (r = 0; r < n_area_runs; r++) {
			long m = run_somaxconn(&area_runs[r]);
			if (!area_run_selects(&area_runs[r], c->id) || m < 0)
				continue;
			below |= m < S.p.somaxconn_macro;
			above |= m > S.p.somaxconn_macro;
		}
		if (!below || !above)
			append(two_limits_problem, sizeof two_limits_problem,
			       "%s runs nowhere with somaxconn %s SOMAXCONN; ", c->id,
			       below ? "above" : "below");
	}
}

START_TEST(test_group)
{
	const struct group *g = &groups[_i];
	if (!S.have_x)
		ck_abort_msg(HARNESS_SKIP "no expectation file for platform '%s': nothing to "
			     "evaluate the labels with", S.p.name);
	if (g->problem[0] != '\0')
		ck_abort_msg("%s: %s", g->name, g->problem);
}
END_TEST

START_TEST(test_two_limits)
{
	if (two_limits_problem[0] != '\0')
		ck_abort_msg("%s", two_limits_problem);
}
END_TEST

int main(void)
{
	static char names[MAX_GROUPS][128];
	const struct lc_case *all;
	char err[4096];
	size_t i, n;
	int g, k;
	Suite *s;

	all = catalogue_all(&n);
	if (session_open(&S, NULL, err, sizeof err) != 0) {
		printf("Bail out! %s\n", err);
		return 99;
	}
	none = calloc(n, sizeof *none);
	if (none == NULL) {
		printf("Bail out! out of memory\n");
		return 99;
	}
	empty.base = all;
	empty.obs = none;
	empty.n = n;
	for (i = 0; i < n; i++)
		if (all[i].backlog != NULL && all[i].kind != NULL &&
		    (all[i].observer == &observe_depth || all[i].observer == &observe_limit))
			add_case(&all[i]);
	for (g = 0; g < ngroups; g++) {
		sort_group(&groups[g]);
		if (S.have_x)
			for (k = 1; k < groups[g].n; k++)
				check_pair(&groups[g], groups[g].c[k - 1], groups[g].c[k]);
	}
	if (S.have_x)
		check_two_limits();

	s = suite_create("labels");
	for (g = 0; g < ngroups; g++) {
		TCase *tc;
		snprintf(names[g], sizeof names[g], "make check tells every %.48s label from its "
			 "neighbours", groups[g].name);
		tc = tcase_create(names[g]);
		tcase_add_loop_test(tc, test_group, g, g + 1);
		suite_add_tcase(s, tc);
	}
	{
		TCase *tc = tcase_create("labels that depend on the two limits run below and "
					 "above SOMAXCONN");
		tcase_add_test(tc, test_two_limits);
		suite_add_tcase(s, tc);
	}
	harness_run_tap(s, "labels");
	free(none);
	session_close(&S);
	return 0;
}
