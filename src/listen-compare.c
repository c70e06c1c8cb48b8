/* listen-compare: platforms side by side, from recorded observations.
 *
 *   listen-compare RECORD...                 one row per case, one column per record
 *   listen-compare --markdown RECORD...      the same as a Markdown table
 *   listen-compare --depth-table RECORD...   UNP Table 4.6's shape: depth for backlog 0..14
 *   listen-compare --svg FILE RECORD...      a plot of depth against backlog
 *
 * A cell is the record's token; a '*' after it marks a deviation from POSIX
 * (judged with that record's own facts); '|' in the first column marks rows
 * where the platforms differ (skips aside). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "catalogue.h"
#include "recread.h"
#include "verdict.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RECORDS 16
#define SWEEP_MAX 14

struct column {
	struct record rec;
	struct obs *obs;          /* by catalogue index */
	struct judgement *j;      /* by catalogue index (when observed) */
	int counts[5];            /* POSIX outcomes */
};

static struct column cols[MAX_RECORDS];
static int ncols;
static const struct lc_case *all;
static size_t nall;

static void judge_column(struct column *c)
{
	struct obs_set set;
	size_t i;
	c->obs = calloc(nall, sizeof *c->obs);
	c->j = calloc(nall, sizeof *c->j);
	if (c->obs == NULL || c->j == NULL) {
		perror("listen-compare");
		exit(2);
	}
	for (i = 0; i < nall; i++) {
		const struct obs *o = record_find(&c->rec, all[i].id);
		if (o != NULL)
			c->obs[i] = *o;
	}
	set.base = all;
	set.obs = c->obs;
	set.n = nall;
	for (i = 0; i < nall; i++) {
		if (c->obs[i].token[0] == '\0')
			continue;
		judge(&all[i], &c->obs[i], NULL, &c->rec.p, &set, &c->j[i]);
		c->counts[c->j[i].posix]++;
	}
}

/* Do the platforms differ on case i (skips and absent cells aside)? */
static int differs(size_t i)
{
	const char *first = NULL;
	int k;
	for (k = 0; k < ncols; k++) {
		const char *t = cols[k].obs[i].token;
		if (t[0] == '\0' || strcmp(t, "skip") == 0)
			continue;
		if (first == NULL)
			first = t;
		else if (strcmp(first, t) != 0)
			return 1;
	}
	return 0;
}

static void cell(char *buf, size_t len, const struct column *c, size_t i)
{
	const char *t = c->obs[i].token;
	if (t[0] == '\0')
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s%s", t, c->j[i].posix == POSIX_DEVIATES ? "*" : "");
}

static void posix_cell(char *buf, size_t len, const struct lc_case *c)
{
	if (c->posix == NULL)
		snprintf(buf, len, "impl.-defined (%s)", c->assertion);
	else
		snprintf(buf, len, "%s (%s)", c->posix, c->assertion);
}

static void side_by_side(int markdown)
{
	char buf[128], pc[128];
	int k, width[MAX_RECORDS], ndiff = 0;
	size_t i;

	for (k = 0; k < ncols; k++) {
		width[k] = (int)strlen(cols[k].rec.name);
		for (i = 0; i < nall; i++) {
			cell(buf, sizeof buf, &cols[k], i);
			if ((int)strlen(buf) > width[k])
				width[k] = (int)strlen(buf);
		}
	}
	if (markdown) {
		printf("| case |");
		for (k = 0; k < ncols; k++)
			printf(" %s |", cols[k].rec.name);
		printf(" POSIX |\n|---|");
		for (k = 0; k < ncols; k++)
			printf("---|");
		printf("---|\n");
	} else {
		printf("  %-*s", catalogue_id_width(), "CASE");
		for (k = 0; k < ncols; k++)
			printf(" %-*s", width[k], cols[k].rec.name);
		printf("  POSIX\n");
	}
	for (i = 0; i < nall; i++) {
		int any = 0, d;
		for (k = 0; k < ncols; k++)
			any |= cols[k].obs[i].token[0] != '\0';
		if (!any)
			continue;
		d = differs(i);
		ndiff += d;
		posix_cell(pc, sizeof pc, &all[i]);
		if (markdown) {
			printf(d ? "| **%s** |" : "| %s |", all[i].id);
			for (k = 0; k < ncols; k++) {
				cell(buf, sizeof buf, &cols[k], i);
				printf(" %s |", buf);
			}
			printf(" %s |\n", pc);
		} else {
			printf("%c %-*s", d ? '|' : ' ', catalogue_id_width(), all[i].id);
			for (k = 0; k < ncols; k++) {
				cell(buf, sizeof buf, &cols[k], i);
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
	for (k = 0; k < ncols; k++) {
		const int *n = cols[k].counts;
		if (markdown)
			printf("| %s | %d | %d | %d | %d | %d |\n", cols[k].rec.name,
			       n[POSIX_CONFORMS], n[POSIX_DEVIATES], n[POSIX_IMPLDEF], n[POSIX_SKIPPED],
			       n[POSIX_UNJUDGED]);
		else
			printf("%-28s %8d %8d %8d %8d %10d\n", cols[k].rec.name, n[POSIX_CONFORMS],
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
	for (k = 0; k < ncols; k++) {
		printf(markdown ? "| %s |" : "%-28s", cols[k].rec.name);
		for (b = 0; b <= SWEEP_MAX; b++) {
			long d = sweep_depth(&cols[k], b);
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

static int svg(const char *path)
{
	static const char *const colours[] = {"#1b6ca8", "#d1495b", "#2e8540", "#edae49",
					      "#6a4c93", "#00798c", "#8d6e63", "#444444"};
	/* Platforms often agree: each gets its own dash pattern and marker
	 * size, so lines drawn over each other stay visible. */
	static const char *const dashes[] = {"none", "8 4", "2 3", "10 3 2 3", "4 4", "1 5",
					     "12 6", "6 2 2 2"};
	const int W = 720, H = 420, L = 60, R = 260, T = 40, B = 50;
	long maxd = 1;
	int k, b;
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		return 2;
	}
	for (k = 0; k < ncols; k++)
		for (b = 0; b <= SWEEP_MAX; b++)
			if (sweep_depth(&cols[k], b) > maxd)
				maxd = sweep_depth(&cols[k], b);
	maxd = (maxd + 4) / 5 * 5;
#define X(b) (L + (double)(b) * (W - L - R) / SWEEP_MAX)
#define Y(d) (H - B - (double)(d) * (H - T - B) / (double)maxd)
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H);
	fprintf(f, "<title>listen() queue depth by backlog, TCP/IPv4</title>\n");
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H);
	fprintf(f, "<text x=\"%d\" y=\"22\" font-size=\"15\">Connections waiting for accept(), "
		"by listen() backlog (TCP/IPv4)</text>\n", L);
	for (b = 0; b <= SWEEP_MAX; b++)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", X(b), T, X(b),
			H - B, X(b), H - B + 16, b);
	for (b = 0; b <= maxd; b += (int)(maxd / 5 > 0 ? maxd / 5 : 1))
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", L, Y(b), W - R,
			Y(b), L - 6, Y(b) + 4, b);
	fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">backlog</text>\n",
		(X(0) + X(SWEEP_MAX)) / 2, H - 12);
	fprintf(f, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">"
		"depth</text>\n", (double)(T + H - B) / 2);
	for (k = 0; k < ncols; k++) {
		const char *col = colours[k % 8];
		int first = 1;
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
			"stroke-dasharray=\"%s\" points=\"", col, dashes[k % 8]);
		for (b = 0; b <= SWEEP_MAX; b++) {
			long d = sweep_depth(&cols[k], b);
			if (d < 0)
				continue;
			fprintf(f, "%s%.1f,%.1f", first ? "" : " ", X(b), Y(d));
			first = 0;
		}
		fprintf(f, "\"/>\n");
		for (b = 0; b <= SWEEP_MAX; b++) {
			long d = sweep_depth(&cols[k], b);
			if (d >= 0)
				fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"none\" "
					"stroke=\"%s\" stroke-width=\"1.5\"><title>%s: backlog %d, "
					"depth %ld</title></circle>\n", X(b), Y(d), 3 + 2 * (k % 4), col,
					cols[k].rec.name, b, d);
		}
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			"stroke-width=\"2\" stroke-dasharray=\"%s\"/><text x=\"%d\" y=\"%d\">%s"
			"</text>\n", W - R + 16, T + 12 + 18 * k, W - R + 44, T + 12 + 18 * k, col,
			dashes[k % 8], W - R + 50, T + 16 + 18 * k, cols[k].rec.name);
	}
	fprintf(f, "</svg>\n");
#undef X
#undef Y
	if (fclose(f) != 0) {
		perror(path);
		return 2;
	}
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: listen-compare [--markdown] [--depth-table] [--svg FILE] RECORD...\n"
		"Shows recorded listen() observations of several platforms side by side.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"markdown", no_argument, NULL, 'm'},
		{"depth-table", no_argument, NULL, 'd'},
		{"svg", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int markdown = 0, table = 0, ch, k, bad = 0;
	const char *svg_path = NULL;
	char err[4096];

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm': markdown = 1; break;
		case 'd': table = 1; break;
		case 's': svg_path = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("listen-compare (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return 2;
	}
	if (argc - optind > MAX_RECORDS) {
		fprintf(stderr, "listen-compare: at most %d records\n", MAX_RECORDS);
		return 2;
	}
	all = catalogue_all(&nall);
	for (; optind < argc; optind++) {
		if (record_load(&cols[ncols].rec, argv[optind], err, sizeof err) != 0) {
			fprintf(stderr, "listen-compare: %s", err);
			bad = 1;
			record_free(&cols[ncols].rec);
			continue;
		}
		judge_column(&cols[ncols]);
		ncols++;
	}
	if (!bad && svg_path != NULL && svg(svg_path) != 0)
		bad = 1;
	if (!bad && table)
		depth_table(markdown);
	else if (!bad && svg_path == NULL)
		side_by_side(markdown);
	for (k = 0; k < ncols; k++) {
		free(cols[k].obs);
		free(cols[k].j);
		record_free(&cols[k].rec);
	}
	return bad ? 2 : 0;
}
