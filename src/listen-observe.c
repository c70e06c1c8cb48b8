/* listen-observe: runs the catalogue and prints what this system's listen()
 * does, as an observation record (default) or a conformance report. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "catalogue.h"
#include "record.h"
#include "session.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ONLY 32

static void usage(FILE *out)
{
	fprintf(out,
		"usage: listen-observe [--only SUBSTRING]... [--report] [--expect FILE] [--list]\n"
		"\n"
		"Runs the listen() conformance cases and prints the observation record:\n"
		"header lines '# key: value', then 'CASE-ID<TAB>TOKEN[<TAB># note]'.\n"
		"\n"
		"  --only SUBSTRING  run only cases whose id contains SUBSTRING (repeatable)\n"
		"  --report          print the conformance report instead of the record\n"
		"  --expect FILE     judge against FILE instead of results/<platform>.exp\n"
		"  --list            list the case ids with their POSIX assertions\n"
		"  --help, --version\n"
		"\n"
		"Environment: LISTEN_PLATFORM picks results/<name>.exp; LISTEN_EXPECT names a\n"
		"file; LISTEN_RESULTS_DIR is where the .exp files are.\n"
		"Exit status: 0 fine; 1 (--report) an observation differs from its\n"
		"expectation; 2 bad usage or a bad expectation file.\n");
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

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"only", required_argument, NULL, 'o'},
		{"report", no_argument, NULL, 'r'},
		{"expect", required_argument, NULL, 'e'},
		{"list", no_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	char *only[MAX_ONLY];
	int nonly = 0, report = 0, list = 0, ch, bad;
	const char *expect_file = NULL;
	struct session s;
	struct judgement *j;
	size_t i, n = 0;
	char err[4096];

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
		case 'l': list = 1; break;
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
	if (list) {
		for (i = 0; i < catalogue_size; i++)
			if (selected(&catalogue[i], only, nonly))
				printf("%-36s %-4s %s\n", catalogue[i].id, catalogue[i].assertion,
				       catalogue[i].posix ? catalogue[i].posix : "(implementation-defined)");
		return 0;
	}
	for (i = 0; i < catalogue_size; i++)
		n += selected(&catalogue[i], only, nonly);
	if (n == 0) {
		fprintf(stderr, "listen-observe: no case id matches the --only options\n");
		return 2;
	}
	/* A bad expectation file is an error in report mode only: a record
	 * needs no expectations. */
	if (session_open(&s, expect_file, err, sizeof err) != 0) {
		if (report || expect_file != NULL) {
			fprintf(stderr, "listen-observe: %s", err);
			if (err[0] != '\0' && err[strlen(err) - 1] != '\n')
				fputc('\n', stderr);
			return 2;
		}
		s.have_x = 0;
	}
	j = calloc(n, sizeof *j);
	if (j == NULL) {
		perror("listen-observe");
		return 2;
	}
	if (!report)
		platform_print_header(stdout, &s.p);
	for (i = 0, n = 0; i < catalogue_size; i++) {
		struct obs o;
		if (!selected(&catalogue[i], only, nonly))
			continue;
		catalogue_run(&catalogue[i], &o);
		if (!report) {
			record_line(stdout, &catalogue[i], &o);
			fflush(stdout);
		}
		judge(&catalogue[i], &o, s.have_x ? &s.x : NULL, &s.p, &j[n++]);
	}
	bad = 0;
	if (report)
		bad = report_print(stdout, &s.p, s.have_x ? s.x.path : NULL, j, n);
	free(j);
	session_close(&s);
	return bad ? 1 : 0;
}
