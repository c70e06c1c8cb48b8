/* listen-compare: platforms side by side, from recorded observations.
 *
 *   listen-compare RECORD...                 one row per case, one column per record
 *   listen-compare --markdown RECORD...      the same as a Markdown table
 *   listen-compare --depth-table RECORD...   UNP Table 4.6's shape: depth for backlog 0..14
 *   listen-compare --svg FILE RECORD...      a plot of depth against every backlog label
 *   listen-compare --html FILE RECORD...     one page: the plot, every case, each platform
 *   (--kind KIND: the socket kind of the plot, default tcp4)
 *
 * A cell is the record's token; a '*' after it marks a deviation from POSIX
 * (judged with that record's own facts); '|' in the first column marks rows
 * where the platforms differ (skips aside). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "compare-html.h"
#include "compare-svg.h"
#include "compare.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_MAX 14

static struct comparison cmp;

static void side_by_side(int markdown)
{
	char buf[128], pc[128];
	int k, width[COMPARE_MAX_RECORDS], ndiff = 0;
	size_t i;

	for (k = 0; k < cmp.ncols; k++) {
		width[k] = (int)strlen(cmp.cols[k].rec.name);
		for (i = 0; i < cmp.nall; i++) {
			compare_cell(buf, sizeof buf, &cmp.cols[k], i);
			if ((int)strlen(buf) > width[k])
				width[k] = (int)strlen(buf);
		}
	}
	if (markdown) {
		printf("| case |");
		for (k = 0; k < cmp.ncols; k++)
			printf(" %s |", cmp.cols[k].rec.name);
		printf(" POSIX |\n|---|");
		for (k = 0; k < cmp.ncols; k++)
			printf("---|");
		printf("---|\n");
	} else {
		printf("  %-36s", "CASE");
		for (k = 0; k < cmp.ncols; k++)
			printf(" %-*s", width[k], cmp.cols[k].rec.name);
		printf("  POSIX\n");
	}
	for (i = 0; i < cmp.nall; i++) {
		int d;
		if (!compare_shown(&cmp, i))
			continue;
		d = compare_differs(&cmp, i);
		ndiff += d;
		compare_posix_cell(pc, sizeof pc, &cmp.all[i]);
		if (markdown) {
			printf(d ? "| **%s** |" : "| %s |", cmp.all[i].id);
			for (k = 0; k < cmp.ncols; k++) {
				compare_cell(buf, sizeof buf, &cmp.cols[k], i);
				printf(" %s |", buf);
			}
			printf(" %s |\n", pc);
		} else {
			printf("%c %-36s", d ? '|' : ' ', cmp.all[i].id);
			for (k = 0; k < cmp.ncols; k++) {
				compare_cell(buf, sizeof buf, &cmp.cols[k], i);
				printf(" %-*s", width[k], buf);
			}
			printf("  %s\n", pc);
		}
	}
	printf("\n%d rows differ between platforms%s; '*' marks a deviation from POSIX.\n\n",
	       ndiff, markdown ? " (bold)" : " (marked '|')");
	if (markdown)
		printf("| platform | conform | deviate | implementation-defined | skipped | not "
		       "judged |\n|---|---|---|---|---|---|\n");
	else
		printf("%-28s %8s %8s %8s %8s %10s\n", "platform", "conform", "deviate", "impl-def",
		       "skipped", "not judged");
	for (k = 0; k < cmp.ncols; k++) {
		const int *n = cmp.cols[k].counts;
		if (markdown)
			printf("| %s | %d | %d | %d | %d | %d |\n", cmp.cols[k].rec.name,
			       n[POSIX_CONFORMS], n[POSIX_DEVIATES], n[POSIX_IMPLDEF], n[POSIX_SKIPPED],
			       n[POSIX_UNJUDGED]);
		else
			printf("%-28s %8d %8d %8d %8d %10d\n", cmp.cols[k].rec.name, n[POSIX_CONFORMS],
			       n[POSIX_DEVIATES], n[POSIX_IMPLDEF], n[POSIX_SKIPPED],
			       n[POSIX_UNJUDGED]);
	}
}

/* depth.tcp4.N of column k, or -1. */
static long sweep_depth(const struct column *c, int backlog)
{
	char id[48], *end;
	const struct obs *o;
	long v;
	snprintf(id, sizeof id, "depth.tcp4.%d", backlog);
	o = record_find(&c->rec, id);
	if (o == NULL)
		return -1;
	v = strtol(o->token, &end, 10);
	return (end == o->token || *end != '\0') ? -1 : v;
}

static void depth_table(int markdown)
{
	int k, b;
	if (markdown) {
		printf("| platform |");
		for (b = 0; b <= SWEEP_MAX; b++)
			printf(" %d |", b);
		printf("\n|---|");
		for (b = 0; b <= SWEEP_MAX; b++)
			printf("---|");
		printf("\n");
	} else {
		printf("TCP/IPv4 queue depth by backlog (connections accept() hands out)\n");
		printf("%-28s", "backlog");
		for (b = 0; b <= SWEEP_MAX; b++)
			printf(" %4d", b);
		printf("\n");
	}
	for (k = 0; k < cmp.ncols; k++) {
		printf(markdown ? "| %s |" : "%-28s", cmp.cols[k].rec.name);
		for (b = 0; b <= SWEEP_MAX; b++) {
			long d = sweep_depth(&cmp.cols[k], b);
			if (markdown)
				printf(d < 0 ? " - |" : " %ld |", d);
			else if (d < 0)
				printf(" %4s", "-");
			else
				printf(" %4ld", d);
		}
		printf("\n");
	}
}

static void usage(FILE *out)
{
	fprintf(out, "usage: listen-compare [--markdown] [--depth-table] [--svg FILE] [--html FILE]\n"
		"                      [--kind KIND] RECORD...\n"
		"Shows recorded listen() observations of several platforms side by side.\n"
		"--svg and --html write the queue-depth plot of KIND (default tcp4) and a\n"
		"report page instead of the table.\n");
}

/* Writes FILE with one of the renderings. */
static int write_file(const char *path, void (*render)(FILE *, const struct comparison *,
							const char *), const char *kind)
{
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		return 2;
	}
	render(f, &cmp, kind);
	if (ferror(f)) {
		fprintf(stderr, "%s: write error\n", path);
		fclose(f);
		return 2;
	}
	if (fclose(f) != 0) {
		perror(path);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"markdown", no_argument, NULL, 'm'},
		{"depth-table", no_argument, NULL, 'd'},
		{"svg", required_argument, NULL, 's'},
		{"html", required_argument, NULL, 'H'},
		{"kind", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int markdown = 0, table = 0, ch, bad = 0;
	const char *svg_path = NULL, *html_path = NULL, *kind = "tcp4";
	char err[4096];

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm': markdown = 1; break;
		case 'd': table = 1; break;
		case 's': svg_path = optarg; break;
		case 'H': html_path = optarg; break;
		case 'k': kind = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("listen-compare (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return 2;
	}
	if (!plot_kind_known(kind)) {
		plot_kinds(err, sizeof err);
		fprintf(stderr, "listen-compare: unknown kind '%s' (the catalogue has: %s)\n", kind,
			err);
		return 2;
	}
	if (argc - optind > COMPARE_MAX_RECORDS) {
		fprintf(stderr, "listen-compare: at most %d records\n", COMPARE_MAX_RECORDS);
		return 2;
	}
	compare_init(&cmp);
	for (; optind < argc; optind++) {
		if (compare_add(&cmp, argv[optind], err, sizeof err) != 0) {
			fprintf(stderr, "listen-compare: %s", err);
			bad = 1;
		}
	}
	if (!bad && svg_path != NULL && write_file(svg_path, plot_depth_svg, kind) != 0)
		bad = 1;
	if (!bad && html_path != NULL && write_file(html_path, html_report, kind) != 0)
		bad = 1;
	if (!bad && table)
		depth_table(markdown);
	else if (!bad && svg_path == NULL && html_path == NULL)
		side_by_side(markdown);
	compare_free(&cmp);
	return bad ? 2 : 0;
}
