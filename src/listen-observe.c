/* listen-observe: runs the catalogue and prints what this system's listen()
 * does, as an observation record (default) or a conformance report. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "batch.h"
#include "catalogue.h"
#include "junit.h"
#include "progress.h"
#include "sockutil.h"
#include "record.h"
#include "recread.h"
#include "session.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ONLY 32

static void usage(FILE *out)
{
	fprintf(out,
		"usage: listen-observe [--only SUBSTRING]... [--report] [--expect FILE]\n"
		"                      [--somaxconn N] [--jobs N] [--name NAME] [--junit FILE]\n"
		"                      [--list]\n"
		"       listen-observe --judge RECORD [--tap] [--junit FILE] [--expect FILE]\n"
		"                      [--only SUBSTRING]...\n"
		"\n"
		"Runs the listen() conformance cases and prints the observation record:\n"
		"header lines '# key: value', then 'CASE-ID<TAB>TOKEN[<TAB># note]'.\n"
		"\n"
		"  --only SUBSTRING  run only cases whose id contains SUBSTRING (repeatable)\n"
		"  --report          print the conformance report instead of the record\n"
		"  --expect FILE     judge against FILE instead of results/<platform>.exp\n"
		"  --somaxconn N     run in a private network namespace (Linux) whose\n"
		"                    net.core.somaxconn is N; the host is not touched\n"
		"  --jobs N          run N cases side by side (default: number of CPUs)\n"
		"  --name NAME       label the record (comparisons show it as the column name)\n"
		"  --junit FILE      also write the verdicts as JUnit XML to FILE (one\n"
		"                    testcase per case, with make check's messages)\n"
		"  --judge RECORD    run nothing: judge a recorded run (its header gives the\n"
		"                    platform and its facts) and print the report\n"
		"  --tap             with --judge: print TAP, one line per case\n"
		"  --list            list the case ids with their POSIX assertions\n"
		"  --help, --version\n"
		"\n"
		"Environment: LISTEN_PLATFORM picks results/<name>.exp; LISTEN_EXPECT names a\n"
		"file; LISTEN_RESULTS_DIR is where the .exp files are (here: %s).\n"
		"Exit status: 0 fine; 1 (--report, --judge, --junit) an observation differs\n"
		"from its expectation; 2 bad usage, a bad expectation file, or no namespace.\n",
		expect_default_dir());
}

static int selected(const struct lc_case *c, char **only, int nonly)
{
	int i;
	if (nonly == 0)
		return 1;
	for (i = 0; i < nonly; i++)
		if (strstr(c->id, only[i]) != NULL)
			return 1;
	return 0;
}

static long number_arg(const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "listen-observe: %s needs a number from %ld to %ld, not '%s'\n", opt,
			lo, hi, arg);
		exit(2);
	}
	return v;
}

static void print_errors(const char *err)
{
	fprintf(stderr, "listen-observe: %s", err);
	if (err[0] != '\0' && err[strlen(err) - 1] != '\n')
		fputc('\n', stderr);
}

/* --junit: the judgements j[0..n) as JUnit XML; res (NULL for --judge)
 * gives each case's time and leaks.  Returns the number of failures, or -1
 * when the file cannot be written. */
static int write_junit(const char *path, const char *suite, const struct session *s,
		       const struct judgement *j, const struct batch_result *res, size_t n,
		       long somaxconn, double seconds)
{
	struct junit_case *jc = calloc(n + 1, sizeof *jc);
	char (*msg)[1024] = calloc(n + 1, sizeof *msg);
	char (*area)[64] = calloc(n + 1, sizeof *area);
	char err[4200];
	size_t i;
	int failed = 0, r = -1;

	if (jc == NULL || msg == NULL || area == NULL) {
		perror("listen-observe");
		goto out;
	}
	for (i = 0; i < n; i++) {
		enum test_outcome t = judgement_test(&j[i], res != NULL ? res[i].leaked : 0, msg[i],
						     sizeof msg[i]);
		/* The area, as make check's programs name theirs. */
		if (somaxconn >= 0)
			snprintf(area[i], sizeof area[i], "%s-somaxconn-%ld",
				 catalogue_area(j[i].c), somaxconn);
		else
			snprintf(area[i], sizeof area[i], "%s", catalogue_area(j[i].c));
		jc[i].classname = area[i];
		jc[i].name = j[i].c->id;
		jc[i].message = msg[i];
		jc[i].seconds = res != NULL ? res[i].seconds : -1;
		jc[i].status = t == TEST_PASS ? JUNIT_PASS : t == TEST_SKIP ? JUNIT_SKIP : JUNIT_FAIL;
		failed += t == TEST_FAIL;
	}
	if (junit_write_file(path, suite, &s->p, s->have_x ? s->x.path : NULL, jc, n, seconds,
			     err, sizeof err) != 0) {
		fprintf(stderr, "listen-observe: --junit %s\n", err);
		goto out;
	}
	r = failed;
out:
	free(jc);
	free(msg);
	free(area);
	return r;
}

/* --judge: the rules make check applies, to a recorded run. */
static int judge_record(const char *path, const char *expect_file, int tap,
			const char *junit_path, char **only, int nonly)
{
	struct record rec;
	struct session s;
	struct obs_set set;
	struct judgement *j;
	struct obs *obs;
	const struct lc_case *all;
	size_t i, n = 0, nall;
	int bad = 0;
	char err[4096];

	if (record_load(&rec, path, err, sizeof err) != 0) {
		print_errors(err);
		record_free(&rec);
		return 2;
	}
	{
		/* As everywhere, LISTEN_PLATFORM picks the expectation file. */
		const char *forced = getenv("LISTEN_PLATFORM");
		if (forced != NULL && forced[0] != '\0')
			snprintf(rec.p.name, sizeof rec.p.name, "%s", forced);
	}
	if (session_open_for(&s, &rec.p, expect_file, err, sizeof err) != 0) {
		print_errors(err);
		record_free(&rec);
		return 2;
	}
	all = catalogue_all(&nall);
	obs = calloc(nall, sizeof *obs);
	j = calloc(nall, sizeof *j);
	if (obs == NULL || j == NULL) {
		perror("listen-observe");
		free(obs);
		free(j);
		session_close(&s);
		record_free(&rec);
		return 2;
	}
	for (i = 0; i < rec.n; i++) {
		const struct lc_case *c = catalogue_find(rec.v[i].id);
		if (c == NULL)
			fprintf(stderr, "listen-observe: %s:%d: %s is not a case of this version; "
				"not judged\n", path, rec.v[i].line, rec.v[i].id);
		else
			obs[c - all] = rec.v[i].o;
	}
	set.base = all;
	set.obs = obs;
	set.n = nall;
	for (i = 0; i < nall; i++)
		if (obs[i].token[0] != '\0' && selected(&all[i], only, nonly))
			judge(&all[i], &obs[i], s.have_x ? &s.x : NULL, &s.p, &set, &j[n++]);
	if (rec.derived_from[0] != '\0')
		printf("# %s is a prediction derived from %s, not a measurement\n", path,
		       rec.derived_from);
	if (tap) {
		printf("# judging %s (%s) against %s\n", path, rec.name,
		       s.have_x ? s.x.path : "no expectation file: POSIX verdicts only");
		printf("1..%zu\n", n);
		for (i = 0; i < n; i++)
			tap_line(stdout, (int)i + 1, &j[i]);
	} else {
		bad = report_print(stdout, &s.p, s.have_x ? s.x.path : NULL, j, n);
	}
	if (junit_path != NULL) {
		int f = write_junit(junit_path, rec.name, &s, j, NULL, n, -1, 0);
		if (f < 0)
			bad = -1;
		else if (f > 0 && bad == 0)
			bad = 1;
	}
	free(obs);
	free(j);
	session_close(&s);
	record_free(&rec);
	return bad < 0 ? 2 : bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"only", required_argument, NULL, 'o'},
		{"report", no_argument, NULL, 'r'},
		{"expect", required_argument, NULL, 'e'},
		{"somaxconn", required_argument, NULL, 's'},
		{"jobs", required_argument, NULL, 'j'},
		{"list", no_argument, NULL, 'l'},
		{"name", required_argument, NULL, 'n'},
		{"judge", required_argument, NULL, 'J'},
		{"tap", no_argument, NULL, 'T'},
		{"junit", required_argument, NULL, 'X'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	char *only[MAX_ONLY];
	int nonly = 0, report = 0, list = 0, ch, status = 2, jobs = batch_default_jobs();
	long somaxconn = -1;
	const char *expect_file = NULL, *name = NULL, *judge_path = NULL, *junit_path = NULL;
	double t0 = batch_now();
	int tap = 0;
	const struct lc_case *all, **run;
	struct batch_result *res;
	struct obs *obs;
	struct obs_set set;
	struct judgement *j;
	struct session s;
	struct progress pr;
	size_t i, n = 0, nall;
	char err[4096];

	expect_set_program(argv[0]);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			if (nonly == MAX_ONLY) {
				fprintf(stderr, "listen-observe: at most %d --only options\n", MAX_ONLY);
				return 2;
			}
			only[nonly++] = optarg;
			break;
		case 'r': report = 1; break;
		case 'e': expect_file = optarg; break;
		case 's': somaxconn = number_arg("--somaxconn", optarg, 0, INT_MAX); break;
		case 'j': jobs = (int)number_arg("--jobs", optarg, 1, 32); break;
		case 'l': list = 1; break;
		case 'n': name = optarg; break;
		case 'J': judge_path = optarg; break;
		case 'T': tap = 1; break;
		case 'X': junit_path = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("listen-observe (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "listen-observe: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	lc_cleanup_on_signals();
	all = catalogue_all(&nall);
	if (tap && judge_path == NULL) {
		fprintf(stderr, "listen-observe: --tap goes with --judge\n");
		return 2;
	}
	if (judge_path != NULL)
		return judge_record(judge_path, expect_file, tap, junit_path, only, nonly);
	if (list) {
		for (i = 0; i < nall; i++)
			if (selected(&all[i], only, nonly))
				printf("%-*s %-4s %s\n", catalogue_id_width(), all[i].id, all[i].assertion,
				       all[i].posix ? all[i].posix : "(implementation-defined)");
		return 0;
	}
	/* From here every way out goes through `out`, so that nothing is left
	 * allocated (a sanitizer build would otherwise change the status). */
	memset(&s, 0, sizeof s);
	run = calloc(nall, sizeof *run);
	res = calloc(nall, sizeof *res);
	obs = calloc(nall, sizeof *obs);
	j = calloc(nall, sizeof *j);
	if (run == NULL || res == NULL || obs == NULL || j == NULL) {
		perror("listen-observe");
		goto out;
	}
	for (i = 0; i < nall; i++)
		if (selected(&all[i], only, nonly))
			run[n++] = &all[i];
	if (n == 0) {
		fprintf(stderr, "listen-observe: no case id matches the --only options\n");
		goto out;
	}
	/* A record needs no expectations: a bad file matters only to --report. */
	if (session_open(&s, expect_file, err, sizeof err) != 0) {
		if (report || expect_file != NULL || junit_path != NULL) {
			print_errors(err);
			goto out;
		}
		s.have_x = 0;
	}
	/* How far the run is, on a terminal only. */
	if (progress_start(&pr, stderr, "listen-observe"))
		batch_set_progress(progress_update, &pr);
	if (somaxconn >= 0) {
		int r = batch_run_netns(somaxconn, run, n, jobs, res, &s.p, err, sizeof err);
		progress_end(&pr);
		if (r != 0) {
			fprintf(stderr, "listen-observe: cannot run with somaxconn %ld: %s\n",
				somaxconn, err);
			goto out;
		}
	} else {
		int r = batch_run(run, n, jobs, res);
		progress_end(&pr);
		if (r != 0) {
			perror("listen-observe: cannot start workers");
			goto out;
		}
	}
	batch_set_progress(NULL, NULL);
	for (i = 0; i < n; i++) {
		obs[run[i] - all] = res[i].obs;
		if (res[i].leaked != 0)
			fprintf(stderr, "listen-observe: %s left %d descriptor(s) open\n", run[i]->id,
				res[i].leaked);
	}
	set.base = all;
	set.obs = obs;
	set.n = nall;
	if (!report)
		platform_print_header(stdout, &s.p, name);
	for (i = 0; i < n; i++) {
		if (!report)
			record_line(stdout, run[i], &res[i].obs);
		judge(run[i], &res[i].obs, s.have_x ? &s.x : NULL, &s.p, &set, &j[i]);
	}
	status = 0;
	if (report && report_print(stdout, &s.p, s.have_x ? s.x.path : NULL, j, n) != 0)
		status = 1;
	if (junit_path != NULL) {
		int f = write_junit(junit_path, name != NULL ? name : "listen-observe", &s, j, res,
				    n, somaxconn, batch_now() - t0);
		if (f < 0)
			status = 2;
		else if (f > 0 && status == 0)
			status = 1;
	}
out:
	free(run);
	free(res);
	free(obs);
	free(j);
	session_close(&s);
	return status;
}
