/* harness.c: TAP output for Check suites, and the per-area catalogue suite. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "batch.h"
#include "catalogue.h"
#include "runs.h"
#include "session.h"
#include "sockutil.h"
#include "junit.h"
#include "verdict.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fnmatch.h>
#include <sys/stat.h>

/* Set by harness_main for the JUnit file: the platform, the
 * expectation file, and how long each case took (by test number). */
static const struct platform *junit_p;
static const char *junit_expect;
static const double *junit_seconds;
static size_t junit_nseconds;
static double junit_t0 = -1;

/* s on one line (TAP descriptions are one line). */
static void oneline(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\n')
			*s = ' ';
}

/* LISTEN_JUNIT=DIR: the results again as DIR/<name>.xml, with the messages
 * the TAP lines carry.  Returns 0, or -1 with the reason in err. */
static int write_junit(const char *name, const struct junit_case *jc, size_t n, char *err,
		       size_t errlen)
{
	const char *dir = getenv("LISTEN_JUNIT");
	char path[4096];
	if (dir == NULL || dir[0] == '\0')
		return 0;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "LISTEN_JUNIT=%s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s.xml", dir, name);
	return junit_write_file(path, name, junit_p, junit_expect, jc, n,
				batch_now() - junit_t0, err, errlen);
}

int harness_run_tap(Suite *s, const char *name)
{
	SRunner *sr;
	TestResult **res;
	struct junit_case *jc;
	char **text; /* each test's TAP description after the id, one line */
	char err[4200];
	int i, n;

	if (junit_t0 < 0)
		junit_t0 = batch_now();
	sr = srunner_create(s);
	srunner_run_all(sr, CK_SILENT);
	n = srunner_ntests_run(sr);
	res = srunner_results(sr);
	jc = calloc((size_t)n + 1, sizeof *jc);
	text = calloc((size_t)n + 1, sizeof *text);
	if (jc == NULL || text == NULL) {
		printf("Bail out! out of memory\n");
		free(jc);
		free(text);
		free(res);
		srunner_free(sr);
		return 0;
	}
	printf("1..%d\n", n);
	for (i = 0; i < n; i++) {
		const char *tc = tr_tcname(res[i]);
		const char *msg = tr_msg(res[i]);
		int type = tr_rtype(res[i]);
		jc[i].classname = name;
		jc[i].name = tc;
		jc[i].seconds = (size_t)i < junit_nseconds ? junit_seconds[i] : -1;
		jc[i].message = "";
		if (msg == NULL)
			msg = "no message";
		/* Room for "ID: error: " and the message. */
		text[i] = malloc(strlen(tc) + strlen(msg) + 16);
		if (text[i] == NULL) {
			printf("Bail out! out of memory\n");
			break;
		}
		jc[i].message = text[i];
		if (type == CK_PASS) {
			text[i][0] = '\0';
			jc[i].status = JUNIT_PASS;
			printf("ok %d - %s\n", i + 1, tc);
			continue;
		}
		if (type == CK_FAILURE &&
		    strncmp(msg, HARNESS_SKIP, strlen(HARNESS_SKIP)) == 0) {
			jc[i].status = JUNIT_SKIP;
			strcpy(text[i], msg + strlen(HARNESS_SKIP));
			oneline(text[i]);
			printf("ok %d - %s # SKIP %s\n", i + 1, tc, text[i]);
			continue;
		}
		/* Messages of catalogue cases start with the case id. */
		jc[i].status = type == CK_ERROR ? JUNIT_ERROR : JUNIT_FAIL;
		sprintf(text[i], "%s%s%s%s",
			 strncmp(msg, tc, strlen(tc)) != 0 ? tc : "",
			 strncmp(msg, tc, strlen(tc)) != 0 ? ": " : "",
			 type == CK_ERROR ? "error: " : "", msg);
		oneline(text[i]);
		printf("not ok %d - %s\n", i + 1, text[i]);
	}
	if (i == n && write_junit(name, jc, (size_t)n, err, sizeof err) != 0)
		printf("Bail out! cannot write the JUnit file: %s\n", err);
	for (i = 0; i < n; i++)
		free(text[i]);
	free(jc);
	free(text);
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
	switch (judgement_test(&j, r->leaked, msg, sizeof msg)) {
	case TEST_SKIP: ck_abort_msg(HARNESS_SKIP "%s", msg); break;
	case TEST_FAIL: ck_abort_msg("%s", msg); break;
	default: break;
	}
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

/* Is case id of this area in LISTEN_LEAVE_OUT, a space-separated list of
 * AREA:PATTERN (fnmatch(3) on both)?  A port too slow for some cases
 * (User-mode Linux: tests/ports/uml-run) names them there, and each is a
 * visible skip giving LISTEN_LEAVE_OUT_WHY. */
static int left_out(const char *area, const char *id)
{
	const char *list = getenv("LISTEN_LEAVE_OUT");
	char buf[2048], *tok, *save = NULL;
	if (list == NULL || list[0] == '\0')
		return 0;
	snprintf(buf, sizeof buf, "%s", list);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(tok, ':');
		if (colon == NULL)
			continue;
		*colon = '\0';
		if (fnmatch(tok, area, 0) == 0 && fnmatch(colon + 1, id, 0) == 0)
			return 1;
	}
	return 0;
}

int harness_main(const char *area)
{
	const struct area_run *run = area_run_find(area);
	long somaxconn = run != NULL ? run->somaxconn : RUN_HOST;
	const struct lc_case *all;
	struct obs *obs;
	double *seconds;
	char err[4096];
	Suite *s;
	size_t i, n = 0, nall, nrun, nleft = 0;
	const struct lc_case **torun;

	junit_t0 = batch_now();
	lc_cleanup_on_signals();
	all = catalogue_all(&nall);
	cases = calloc(nall, sizeof *cases);
	results = calloc(nall, sizeof *results);
	obs = calloc(nall, sizeof *obs);
	seconds = calloc(nall, sizeof *seconds);
	torun = calloc(nall, sizeof *torun);
	if (cases == NULL || results == NULL || obs == NULL || seconds == NULL || torun == NULL) {
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
	/* The cases a port leaves out here (LISTEN_LEAVE_OUT) go last, each a
	 * visible skip saying why; the rest run. */
	nrun = 0;
	for (i = 0; i < n; i++)
		if (!left_out(area, cases[i]->id))
			torun[nrun++] = cases[i];
	for (i = 0; i < n; i++)
		if (left_out(area, cases[i]->id))
			torun[nrun + nleft++] = cases[i];
	memcpy(cases, torun, n * sizeof *cases);
	for (i = nrun; i < n; i++) {
		const char *why = getenv("LISTEN_LEAVE_OUT_WHY");
		obs_skip(&results[i].obs, "left out here (LISTEN_LEAVE_OUT): %s",
			 why != NULL && why[0] != '\0' ? why : "no reason given");
	}
	if (somaxconn >= 0) {
		int r = batch_run_netns(somaxconn, cases, nrun, batch_default_jobs(), results, &S.p,
					err, sizeof err);
		if (r < 0)
			goto fail;
		if (r > 0) {
			/* No private namespace here: every case is a visible skip. */
			for (i = 0; i < nrun; i++)
				obs_skip(&results[i].obs, "needs a private network namespace with "
					 "somaxconn %ld: %s", somaxconn, err);
		}
	} else if (batch_run(cases, nrun, batch_default_jobs(), results) != 0) {
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
		/* The test only judges an observation already made: Check's
		 * 4 s default could expire only because the machine is loaded
		 * (seen with the sanitizers beside another run), never because
		 * the case is slow. */
		tcase_set_timeout(tc, 120);
		tcase_add_loop_test(tc, test_catalogue_case, (int)i, (int)i + 1);
		suite_add_tcase(s, tc);
		seconds[i] = results[i].seconds;
	}
	junit_p = &S.p;
	junit_expect = S.have_x ? S.x.path : NULL;
	junit_seconds = seconds;
	junit_nseconds = n;
	harness_run_tap(s, area);
	session_close(&S);
	free(cases);
	free(results);
	free(obs);
	free(seconds);
	free(torun);
	return 0;
fail:
	session_close(&S);
	free(cases);
	free(results);
	free(obs);
	free(seconds);
	free(torun);
	return bail(err);
}
