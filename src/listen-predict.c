/* listen-predict: the record an expectation file predicts, at stated facts.
 *
 *   listen-predict --fact somaxconn=128 --fact SOMAXCONN=128 results/freebsd.exp
 *
 * The record has the usual format, with a "# derived-from: FILE" header
 * line (FILE as given) and the stated facts as header keys; listen-compare
 * shows it as a predicted column. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "predict.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: listen-predict [--fact NAME=VALUE]... [--name NAME] EXPECTATION-FILE\n"
		"\n"
		"Prints the record the expectation file predicts at the stated facts: the\n"
		"usual record format, marked '# derived-from: EXPECTATION-FILE' (the path as\n"
		"given), the facts as header keys.  Every fact the file's expressions and\n"
		"[kernel ...] conditions use must be stated; none is guessed.\n"
		"\n"
		"  --fact NAME=VALUE  somaxconn=N (the system limit), SOMAXCONN=N (the header\n"
		"                     macro), nofile=N, release=VERSION (picks [kernel ...]\n"
		"                     lines), platform, os, machine, libc (labels)\n"
		"  --name NAME        label the record (listen-compare's column name)\n"
		"  --help, --version\n"
		"\n"
		"The platform is the file's name (results/freebsd.exp: freebsd) unless stated.\n"
		"Exit status: 0; 2 for bad usage, a bad file, or a fact the file needs that\n"
		"was not stated.\n");
}

static void print_errors(const char *err)
{
	fprintf(stderr, "listen-predict: %s", err);
	if (err[0] != '\0' && err[strlen(err) - 1] != '\n')
		fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"fact", required_argument, NULL, 'f'},
		{"name", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct facts f;
	const char *name = NULL;
	char err[4096];
	size_t left_out;
	int ch;

	facts_init(&f);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (facts_set(&f, optarg, err, sizeof err) != 0) {
				fprintf(stderr, "listen-predict: --fact %s: %s\n", optarg, err);
				return 2;
			}
			break;
		case 'n': name = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("listen-predict (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "listen-predict: name one expectation file\n");
		usage(stderr);
		return 2;
	}
	if (predict_record(stdout, argv[optind], &f, name, &left_out, err, sizeof err) != 0) {
		print_errors(err);
		if (strstr(err, "the fact") != NULL)
			fprintf(stderr, "listen-predict: no fact is guessed: state each one the file needs with "
				"--fact NAME=VALUE\n");
		return 2;
	}
	if (left_out > 0)
		fprintf(stderr, "listen-predict: %s has no line for %zu case(s)%s: they are not in "
			"the record\n", argv[optind], left_out,
			(f.stated & FACT_RELEASE) ? " at this release" : "");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("listen-predict: writing the record");
		return 2;
	}
	return 0;
}
