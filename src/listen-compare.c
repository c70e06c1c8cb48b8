/* listen-compare: platforms side by side, from recorded observations.
 *
 *   listen-compare RECORD...                 one row per case, one column per record
 *   listen-compare --markdown RECORD...      the same as a Markdown table
 *   listen-compare --depth-table RECORD...   UNP Table 4.6's shape: depth for backlog 0..14
 *   listen-compare --depth-table --kind K    the same for socket kind K (its backlog labels)
 *   listen-compare --svg FILE RECORD...      a plot of depth against every backlog label
 *   listen-compare --html FILE RECORD...     one page: the plot, every case, each platform
 *   (--kind KIND: the socket kind of the depth table and the plot, default tcp4;
 *   any kind of the catalogue with depth cases, MPTCP, SCTP and vsock too)
 *
 * A cell is the record's token; a '*' after it marks a deviation from POSIX
 * (judged with that record's own facts); '|' in the first column marks rows
 * where the platforms differ (skips aside).  A predicted record (one with a
 * "# derived-from:" header, made by listen-predict) is labelled
 * "NAME (predicted)", and a legend says what it was derived from. */
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

/* The facts a predicted record states, "somaxconn 128, SOMAXCONN 128". */
static void stated_facts(char *buf, size_t len, const struct platform *p)
{
	size_t n;
	buf[0] = '\0';
	if (p->release[0] != '\0')
		snprintf(buf, len, "release %s", p->release);
	if (p->somaxconn >= 0) {
		n = strlen(buf);
		snprintf(buf + n, len - n, "%ssomaxconn %ld", n ? ", " : "", p->somaxconn);
	}
	if (p->somaxconn_macro >= 0) {
		n = strlen(buf);
		snprintf(buf + n, len - n, "%sSOMAXCONN %ld", n ? ", " : "", p->somaxconn_macro);
	}
	if (p->nofile_soft >= 0) {
		n = strlen(buf);
		snprintf(buf + n, len - n, "%snofile %ld", n ? ", " : "", p->nofile_soft);
	}
	if (buf[0] == '\0')
		snprintf(buf, len, "no stated facts");
}

/* Says which columns (or rows) are predictions and what they came from. */
static void legend(int markdown, const char *what)
{
	char facts[300];
	int k, any = 0;
	for (k = 0; k < cmp.ncols; k++)
		any |= cmp.cols[k].rec.derived_from[0] != '\0';
	if (!any)
		return;
	printf("\n%s marked (predicted) are derived from expectation files, not measured:\n",
	       what);
	for (k = 0; k < cmp.ncols; k++) {
		if (cmp.cols[k].rec.derived_from[0] == '\0')
			continue;
		stated_facts(facts, sizeof facts, &cmp.cols[k].rec.p);
		printf(markdown ? "- %s: `%s` at %s\n" : "  %s: %s at %s\n", cmp.cols[k].label,
		       cmp.cols[k].rec.derived_from, facts);
	}
}

static void side_by_side(int markdown)
{
	char buf[128], pc[128];
	int k, width[COMPARE_MAX_RECORDS], ndiff = 0;
	size_t i;

	for (k = 0; k < cmp.ncols; k++) {
		width[k] = (int)strlen(cmp.cols[k].label);
		for (i = 0; i < cmp.nall; i++) {
			compare_cell(buf, sizeof buf, &cmp.cols[k], i);
			if ((int)strlen(buf) > width[k])
				width[k] = (int)strlen(buf);
		}
	}
	if (markdown) {
		printf("| case |");
		for (k = 0; k < cmp.ncols; k++)
			printf(" %s |", cmp.cols[k].label);
		printf(" POSIX |\n|---|");
		for (k = 0; k < cmp.ncols; k++)
			printf("---|");
		printf("---|\n");
	} else {
		printf("  %-*s", catalogue_id_width(), "CASE");
		for (k = 0; k < cmp.ncols; k++)
			printf(" %-*s", width[k], cmp.cols[k].label);
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
			printf("%c %-*s", d ? '|' : ' ', catalogue_id_width(), cmp.all[i].id);
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
			printf("| %s | %d | %d | %d | %d | %d |\n", cmp.cols[k].label,
			       n[POSIX_CONFORMS], n[POSIX_DEVIATES], n[POSIX_IMPLDEF], n[POSIX_SKIPPED],
			       n[POSIX_UNJUDGED]);
		else
			printf("%-28s %8d %8d %8d %8d %10d\n", cmp.cols[k].label, n[POSIX_CONFORMS],
			       n[POSIX_DEVIATES], n[POSIX_IMPLDEF], n[POSIX_SKIPPED],
			       n[POSIX_UNJUDGED]);
	}
	legend(markdown, "Columns");
}

#define MAX_LABELS 32

/* The backlog labels of the depth table for kind: 0..14 for tcp4 (UNP's
 * Table 4.6), the labels the catalogue has for any other kind.  Returns
 * how many, 0 for a kind the catalogue does not know. */
static size_t table_labels(const char *kind, const char *labels[MAX_LABELS])
{
	static char sweep[SWEEP_MAX + 1][4];
	char prefix[64];
	size_t i, n = 0;

	if (strcmp(kind, "tcp4") == 0) {
		for (n = 0; n <= SWEEP_MAX; n++) {
			snprintf(sweep[n], sizeof sweep[n], "%d", (int)n);
			labels[n] = sweep[n];
		}
		return n;
	}
	snprintf(prefix, sizeof prefix, "depth.%s.", kind);
	for (i = 0; i < cmp.nall && n < MAX_LABELS; i++)
		if (cmp.all[i].observer == &observe_depth && cmp.all[i].kind != NULL &&
		    strcmp(cmp.all[i].kind, kind) == 0)
			labels[n++] = cmp.all[i].id + strlen(prefix);
	return n;
}

/* The depth.KIND.LABEL token of column c: "-" when it has none. */
static const char *depth_cell(const struct column *c, const char *kind, const char *label)
{
	char id[REC_ID_MAX];
	const struct obs *o;
	snprintf(id, sizeof id, "depth.%s.%s", kind, label);
	o = record_find(&c->rec, id);
	return o != NULL ? o->token : "-";
}

static void depth_table(int markdown, const char *kind)
{
	const char *labels[MAX_LABELS];
	size_t n = table_labels(kind, labels), b;
	int k, width[MAX_LABELS], namew = 28;

	for (b = 0; b < n; b++) {
		width[b] = strlen(labels[b]) > 4 ? (int)strlen(labels[b]) : 4;
		for (k = 0; k < cmp.ncols; k++)
			if ((int)strlen(depth_cell(&cmp.cols[k], kind, labels[b])) > width[b])
				width[b] = (int)strlen(depth_cell(&cmp.cols[k], kind, labels[b]));
	}
	for (k = 0; k < cmp.ncols; k++)
		if ((int)strlen(cmp.cols[k].label) > namew)
			namew = (int)strlen(cmp.cols[k].label);
	if (markdown) {
		printf("| platform |");
		for (b = 0; b < n; b++)
			printf(" %s |", labels[b]);
		printf("\n|---|");
		for (b = 0; b < n; b++)
			printf("---|");
		printf("\n");
	} else {
		if (strcmp(kind, "tcp4") == 0)
			printf("TCP/IPv4 queue depth by backlog (connections accept() hands out)\n");
		else
			printf("%s queue depth by backlog (connections accept() hands out)\n", kind);
		printf("%-*s", namew, "backlog");
		for (b = 0; b < n; b++)
			printf(" %*s", width[b], labels[b]);
		printf("\n");
	}
	for (k = 0; k < cmp.ncols; k++) {
		if (markdown)
			printf("| %s |", cmp.cols[k].label);
		else
			printf("%-*s", namew, cmp.cols[k].label);
		for (b = 0; b < n; b++) {
			const char *t = depth_cell(&cmp.cols[k], kind, labels[b]);
			if (markdown)
				printf(" %s |", t);
			else
				printf(" %*s", width[b], t);
		}
		printf("\n");
	}
	legend(markdown, "Rows");
}

static void usage(FILE *out)
{
	fprintf(out, "usage: listen-compare [--markdown] [--depth-table] [--svg FILE] [--html FILE]\n"
		"                      [--kind KIND] RECORD...\n"
		"Shows recorded listen() observations of several platforms side by side.\n"
		"  --markdown     a Markdown table\n"
		"  --depth-table  queue depth by backlog, one row per record (UNP Table 4.6)\n"
		"  --svg FILE     write a plot of depth against every backlog label\n"
		"  --html FILE    write one self-contained page: the plot, every case, each platform\n"
		"  --kind KIND    the socket kind of the depth table and the plot: tcp4 (default;\n"
		"                 the table shows backlogs 0..14) or any kind with depth cases\n"
		"Records with a '# derived-from:' header (listen-predict) are shown as\n"
		"'NAME (predicted)': derived from an expectation file, not measured.\n");
	{
		char kinds[1024];
		plot_kinds(kinds, sizeof kinds);
		fprintf(out, "Kinds with depth cases: %s\n", kinds);
	}
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
		depth_table(markdown, kind);
	else if (!bad && svg_path == NULL && html_path == NULL)
		side_by_side(markdown);
	compare_free(&cmp);
	return bad ? 2 : 0;
}
