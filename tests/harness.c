/* harness.c: TAP output for Check suites, and the per-area catalogue suite. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "batch.h"
#include "catalogue.h"
#include "runs.h"
#include "session.h"
#include "sockutil.h"
#include "verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_oneline(const char *s)
{
	for (; *s != '\0'; s++)
		putchar(*s == '\n' ? ' ' : *s);
}

int harness_run_tap(Suite *s)
{
	SRunner *sr = srunner_create(s);
	TestResult **res;
	int i, n;

	srunner_run_all(sr, CK_SILENT);
	n = srunner_ntests_run(sr);
	res = srunner_results(sr);
	printf("1..%d\n", n);
	for (i = 0; i < n; i++) {
		const char *name = tr_tcname(res[i]);
		const char *msg = tr_msg(res[i]);
		int type = tr_rtype(res[i]);
		if (type == CK_PASS) {
			printf("ok %d - %s\n", i + 1, name);
		} else if (type == CK_FAILURE && msg != NULL &&
			   strncmp(msg, HARNESS_SKIP, strlen(HARNESS_SKIP)) == 0) {
			printf("ok %d - %s # SKIP ", i + 1, name);
			print_oneline(msg + strlen(HARNESS_SKIP));
			putchar('\n');
		} else {
			/* Messages of catalogue cases start with the case id. */
			if (msg == NULL)
				msg = "no message";
			printf("not ok %d - ", i + 1);
			if (strncmp(msg, name, strlen(name)) != 0)
				printf("%s: ", name);
			if (type == CK_ERROR)
				printf("error: ");
			print_oneline(msg);
			putchar('\n');
		}
	}
	free(res);
	srunner_free(sr);
	fflush(stdout);
	return 0;
}

static struct session S;
static const struct lc_case **cases;
static struct batch_result *results;
static struct obs_set set;

START_TEST(test_catalogue_case)
{
	const struct lc_case *c = cases[_i];
	const struct batch_result *r = &results[_i];
	struct judgement j;
	char msg[1024];

	judge(c, &r->obs, S.have_x ? &S.x : NULL, &S.p, &set, &j);
	judgement_message(&j, msg, sizeof msg);
	if (r->leaked != 0)
		ck_abort_msg("%s: the case left %d descriptor(s) open", c->id, r->leaked);
	if (j.exp == EXP_SKIP)
		ck_abort_msg(HARNESS_SKIP "%s", j.obs.note);
	if (j.exp == EXP_NOFILE)
		ck_abort_msg(HARNESS_SKIP "%s", msg);
	if (judgement_failed(&j))
		ck_abort_msg("%s", msg);
}
END_TEST

static int bail(const char *err)
{
	char copy[4096], *line;
	snprintf(copy, sizeof copy, "%s", err);
	line = strtok(copy, "\n");
	printf("Bail out! %s\n", line != NULL ? line : "cannot start");
	while ((line = strtok(NULL, "\n")) != NULL)
		printf("# %s\n", line);
	return 99;
}

int harness_main(const char *area)
{
	const struct area_run *run = area_run_find(area);
	long somaxconn = run != NULL ? run->somaxconn : RUN_HOST;
	const struct lc_case *all;
	struct obs *obs;
	char err[4096];
	Suite *s;
	size_t i, n = 0, nall;

	lc_cleanup_on_signals();
	all = catalogue_all(&nall);
	cases = calloc(nall, sizeof *cases);
	results = calloc(nall, sizeof *results);
	obs = calloc(nall, sizeof *obs);
	if (cases == NULL || results == NULL || obs == NULL) {
		snprintf(err, sizeof err, "out of memory");
		goto fail;
	}
	if (run == NULL) {
		snprintf(err, sizeof err, "no run named %s in tests/runs.c", area);
		goto fail;
	}
	if (session_open(&S, NULL, err, sizeof err) != 0)
		goto fail;
	for (i = 0; i < nall; i++)
		if (area_run_selects(run, all[i].id))
			cases[n++] = &all[i];
	if (somaxconn >= 0) {
		int r = batch_run_netns(somaxconn, cases, n, batch_default_jobs(), results, &S.p,
					err, sizeof err);
		if (r < 0)
			goto fail;
		if (r > 0) {
			/* No private namespace here: every case is a visible skip. */
			for (i = 0; i < n; i++)
				obs_skip(&results[i].obs, "needs a private network namespace with "
					 "somaxconn %ld: %s", somaxconn, err);
		}
	} else if (batch_run(cases, n, batch_default_jobs(), results) != 0) {
		snprintf(err, sizeof err, "cannot start worker processes");
		goto fail;
	}
	for (i = 0; i < n; i++)
		obs[cases[i] - all] = results[i].obs;
	set.base = all;
	set.obs = obs;
	set.n = nall;

	printf("# platform %s (%s %s), somaxconn %ld%s\n", S.p.name, S.p.os, S.p.release,
	       S.p.somaxconn, S.p.private_netns ? " in a private network namespace" : "");
	if (S.have_x)
		printf("# expectations: %s\n", S.x.path);
	else
		printf("# no expectation file for platform '%s': reporting POSIX verdicts only "
		       "(each case is a SKIP naming its verdict)\n", S.p.name);

	s = suite_create(area);
	for (i = 0; i < n; i++) {
		TCase *tc = tcase_create(cases[i]->id);
		tcase_add_loop_test(tc, test_catalogue_case, (int)i, (int)i + 1);
		suite_add_tcase(s, tc);
	}
	harness_run_tap(s);
	session_close(&S);
	free(cases);
	free(results);
	free(obs);
	return 0;
fail:
	session_close(&S);
	free(cases);
	free(results);
	free(obs);
	return bail(err);
}
