/* listen-compare: platforms side by side, from recorded observations.
 *
 *   listen-compare RECORD...                 one row per case, one column per record
 *   listen-compare --markdown RECORD...      the same as a Markdown table
 *   listen-compare --depth-table RECORD...   UNP Table 4.6's shape: depth for backlog 0..14
 *   listen-compare --depth-table --kind K    the same for socket kind K (its backlog labels)
 *   listen-compare --svg FILE RECORD...      a plot of depth against backlog
 *
 * A cell is the record's token; a '*' after it marks a deviation from POSIX
 * (judged with that record's own facts); '|' in the first column marks rows
 * where the platforms differ (skips aside).  A predicted record (one with a
 * "# derived-from:" header, made by listen-predict) is labelled
 * "NAME (predicted)", and a legend says what it was derived from. */
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
	char label[128];          /* the name, marked " (predicted)" for a prediction */
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

static void label_column(struct column *c)
{
	/* rec.name is shorter than label, with room for the mark. */
	memcpy(c->label, c->rec.name, sizeof c->rec.name);
	c->label[sizeof c->rec.name - 1] = '\0';
	if (c->rec.derived_from[0] != '\0')
		strncat(c->label, " (predicted)", sizeof c->label - strlen(c->label) - 1);
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
	for (k = 0; k < ncols; k++)
		any |= cols[k].rec.derived_from[0] != '\0';
	if (!any)
		return;
	printf("\n%s marked (predicted) are derived from expectation files, not measured:\n",
	       what);
	for (k = 0; k < ncols; k++) {
		if (cols[k].rec.derived_from[0] == '\0')
			continue;
		stated_facts(facts, sizeof facts, &cols[k].rec.p);
		printf(markdown ? "- %s: `%s` at %s\n" : "  %s: %s at %s\n", cols[k].label,
		       cols[k].rec.derived_from, facts);
	}
}

static void side_by_side(int markdown)
{
	char buf[128], pc[128];
	int k, width[MAX_RECORDS], ndiff = 0;
	size_t i;

	for (k = 0; k < ncols; k++) {
		width[k] = (int)strlen(cols[k].label);
		for (i = 0; i < nall; i++) {
			cell(buf, sizeof buf, &cols[k], i);
			if ((int)strlen(buf) > width[k])
				width[k] = (int)strlen(buf);
		}
	}
	if (markdown) {
		printf("| case |");
		for (k = 0; k < ncols; k++)
			printf(" %s |", cols[k].label);
		printf(" POSIX |\n|---|");
		for (k = 0; k < ncols; k++)
			printf("---|");
		printf("---|\n");
	} else {
		printf("  %-36s", "CASE");
		for (k = 0; k < ncols; k++)
			printf(" %-*s", width[k], cols[k].label);
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
			printf("%c %-36s", d ? '|' : ' ', all[i].id);
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
			printf("| %s | %d | %d | %d | %d | %d |\n", cols[k].label,
			       n[POSIX_CONFORMS], n[POSIX_DEVIATES], n[POSIX_IMPLDEF], n[POSIX_SKIPPED],
			       n[POSIX_UNJUDGED]);
		else
			printf("%-28s %8d %8d %8d %8d %10d\n", cols[k].label, n[POSIX_CONFORMS],
			       n[POSIX_DEVIATES], n[POSIX_IMPLDEF], n[POSIX_SKIPPED],
			       n[POSIX_UNJUDGED]);
	}
	legend(markdown, "Columns");
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
	for (i = 0; i < nall && n < MAX_LABELS; i++)
		if (all[i].observer == &observe_depth && all[i].kind != NULL &&
		    strcmp(all[i].kind, kind) == 0)
			labels[n++] = all[i].id + strlen(prefix);
	return n;
}

/* The kinds the catalogue has depth cases for, ", "-separated. */
static void kind_list(char *buf, size_t len)
{
	size_t i;
	buf[0] = '\0';
	for (i = 0; i < nall; i++) {
		const char *k = all[i].kind;
		size_t j;
		if (all[i].observer != &observe_depth || k == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (all[j].observer == &observe_depth && all[j].kind != NULL &&
			    strcmp(all[j].kind, k) == 0)
				break;
		if (j < i)
			continue;
		if (buf[0] != '\0')
			strncat(buf, ", ", len - strlen(buf) - 1);
		strncat(buf, k, len - strlen(buf) - 1);
	}
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
		for (k = 0; k < ncols; k++)
			if ((int)strlen(depth_cell(&cols[k], kind, labels[b])) > width[b])
				width[b] = (int)strlen(depth_cell(&cols[k], kind, labels[b]));
	}
	for (k = 0; k < ncols; k++)
		if ((int)strlen(cols[k].label) > namew)
			namew = (int)strlen(cols[k].label);
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
	for (k = 0; k < ncols; k++) {
		if (markdown)
			printf("| %s |", cols[k].label);
		else
			printf("%-*s", namew, cols[k].label);
		for (b = 0; b < n; b++) {
			const char *t = depth_cell(&cols[k], kind, labels[b]);
			if (markdown)
				printf(" %s |", t);
			else
				printf(" %*s", width[b], t);
		}
		printf("\n");
	}
	legend(markdown, "Rows");
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
	fprintf(out, "usage: listen-compare [--markdown] [--depth-table [--kind KIND]] [--svg FILE] "
		"RECORD...\n"
		"Shows recorded listen() observations of several platforms side by side.\n"
		"  --markdown     a Markdown table\n"
		"  --depth-table  queue depth by backlog, one row per record (UNP Table 4.6)\n"
		"  --kind KIND    the socket kind of the depth table: tcp4 (default; backlogs\n"
		"                 0..14), tcp6, unix-stream, unix-seqpacket (their backlog labels)\n"
		"  --svg FILE     a plot of depth against backlog\n"
		"Records with a '# derived-from:' header (listen-predict) are shown as\n"
		"'NAME (predicted)': derived from an expectation file, not measured.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"markdown", no_argument, NULL, 'm'},
		{"depth-table", no_argument, NULL, 'd'},
		{"svg", required_argument, NULL, 's'},
		{"kind", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int markdown = 0, table = 0, ch, k, bad = 0;
	const char *svg_path = NULL, *kind = NULL;
	const char *labels[MAX_LABELS];
	char err[4096];

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm': markdown = 1; break;
		case 'd': table = 1; break;
		case 's': svg_path = optarg; break;
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
	if (argc - optind > MAX_RECORDS) {
		fprintf(stderr, "listen-compare: at most %d records\n", MAX_RECORDS);
		return 2;
	}
	all = catalogue_all(&nall);
	if (kind != NULL && !table) {
		fprintf(stderr, "listen-compare: --kind goes with --depth-table\n");
		return 2;
	}
	if (kind == NULL)
		kind = "tcp4";
	if (table_labels(kind, labels) == 0) {
		kind_list(err, sizeof err);
		fprintf(stderr, "listen-compare: unknown socket kind '%s' for --kind (kinds: %s)\n",
			kind, err);
		return 2;
	}
	for (; optind < argc; optind++) {
		if (record_load(&cols[ncols].rec, argv[optind], err, sizeof err) != 0) {
			fprintf(stderr, "listen-compare: %s", err);
			bad = 1;
			record_free(&cols[ncols].rec);
			continue;
		}
		judge_column(&cols[ncols]);
		label_column(&cols[ncols]);
		ncols++;
	}
	if (!bad && svg_path != NULL && svg(svg_path) != 0)
		bad = 1;
	if (!bad && table)
		depth_table(markdown, kind);
	else if (!bad && svg_path == NULL)
		side_by_side(markdown);
	for (k = 0; k < ncols; k++) {
		free(cols[k].obs);
		free(cols[k].j);
		record_free(&cols[k].rec);
	}
	return bad ? 2 : 0;
}
