/* harness.c: TAP output for Check suites, and the per-area catalogue suite. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "catalogue.h"
#include "session.h"
#include "sockutil.h"
#include "verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Seconds one case may take before Check reports it as an error. */
#define CASE_TIMEOUT 120

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

START_TEST(test_catalogue_case)
{
	const struct lc_case *c = cases[_i];
	struct judgement j;
	struct obs o;
	char msg[1024];
	int before, after;

	before = count_open_fds();
	catalogue_run(c, &o);
	after = count_open_fds();
	judge(c, &o, S.have_x ? &S.x : NULL, &S.p, &j);
	judgement_message(&j, msg, sizeof msg);
	if (after != before)
		ck_abort_msg("%s: the case left %d descriptor(s) open (%d before, %d after)",
			     c->id, after - before, before, after);
	if (j.exp == EXP_SKIP)
		ck_abort_msg(HARNESS_SKIP "%s", o.note);
	if (j.exp == EXP_NOFILE)
		ck_abort_msg(HARNESS_SKIP "%s", msg);
	if (judgement_failed(&j))
		ck_abort_msg("%s", msg);
}
END_TEST

int harness_area_main(const char *area, const char *const *prefixes)
{
	char err[4096];
	Suite *s;
	size_t i, n = 0;

	cases = calloc(catalogue_size, sizeof *cases);
	if (cases == NULL) {
		printf("Bail out! out of memory\n");
		return 99;
	}
	if (session_open(&S, NULL, err, sizeof err) != 0) {
		char *line = strtok(err, "\n");
		printf("Bail out! %s\n", line != NULL ? line : "cannot load expectations");
		while ((line = strtok(NULL, "\n")) != NULL)
			printf("# %s\n", line);
		return 99;
	}
	printf("# platform %s (%s %s), somaxconn %ld\n", S.p.name, S.p.os, S.p.release,
	       S.p.somaxconn);
	if (S.have_x)
		printf("# expectations: %s\n", S.x.path);
	else
		printf("# no expectation file for platform '%s': reporting POSIX verdicts only "
		       "(each case is a SKIP naming its verdict)\n", S.p.name);

	s = suite_create(area);
	for (i = 0; i < catalogue_size; i++) {
		const char *const *p;
		for (p = prefixes; *p != NULL; p++) {
			if (strncmp(catalogue[i].id, *p, strlen(*p)) == 0) {
				TCase *tc = tcase_create(catalogue[i].id);
				tcase_set_timeout(tc, CASE_TIMEOUT);
				cases[n] = &catalogue[i];
				tcase_add_loop_test(tc, test_catalogue_case, (int)n, (int)n + 1);
				suite_add_tcase(s, tc);
				n++;
				break;
			}
		}
	}
	harness_run_tap(s);
	session_close(&S);
	free(cases);
	return 0;
}
