/* compare-svg.c: the queue-depth plot (see compare-svg.h). */
#define _POSIX_C_SOURCE 200809L
#include "compare-svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CATS 64

/* Text widths are estimated (no font metrics here): generous per-character
 * widths so that what is laid out from them is never clipped. */
#define CHAR_W 7.2   /* 12px sans-serif */
#define SMALL_W 6.2  /* 10-11px */

void xml_text(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p != '\0') {
		unsigned char c = *p;
		size_t n = 0, k;
		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c == '\'')
			fputs("&#39;", f);
		else if (c < 0x20 || c == 0x7f)
			fputc('?', f);
		else if (c < 0x80)
			fputc(c, f);
		else {
			/* A well-formed UTF-8 sequence (no overlong forms, no
			 * surrogates) is copied; anything else becomes U+FFFD. */
			if (c >= 0xc2 && c <= 0xdf)
				n = 1;
			else if (c >= 0xe0 && c <= 0xef)
				n = 2;
			else if (c >= 0xf0 && c <= 0xf4)
				n = 3;
			for (k = 1; n > 0 && k <= n; k++)
				if ((p[k] & 0xc0) != 0x80)
					n = 0;
			if (n == 2 && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0)))
				n = 0;
			if (n == 3 && ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90)))
				n = 0;
			if (n == 0) {
				fputs("&#xfffd;", f);
			} else {
				fwrite(p, 1, n + 1, f);
				p += n;
			}
		}
		p++;
	}
}

static int is_depth_case(const struct lc_case *c, const char *kind)
{
	return c->observer == &observe_depth && c->kind != NULL &&
	       (kind == NULL || strcmp(c->kind, kind) == 0);
}

int plot_kind_known(const char *kind)
{
	size_t i, n;
	const struct lc_case *all = catalogue_all(&n);
	for (i = 0; i < n; i++)
		if (is_depth_case(&all[i], kind))
			return 1;
	return 0;
}

void plot_kinds(char *buf, size_t len)
{
	size_t i, j, n, used = 0;
	const struct lc_case *all = catalogue_all(&n);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!is_depth_case(&all[i], NULL))
			continue;
		for (j = 0; j < i; j++)
			if (is_depth_case(&all[j], all[i].kind))
				break;
		if (j < i)
			continue; /* seen */
		snprintf(buf + used, len - used, "%s%s", used ? ", " : "", all[i].kind);
		used = strlen(buf);
	}
}

static int integer(const char *t, long long *v)
{
	char *end;
	if (*t == '\0')
		return 0;
	*v = strtoll(t, &end, 10);
	return *end == '\0';
}

/* Where a label sits on the x axis: its backlog with somaxconn and
 * SOMAXCONN at 4096 (symbolic labels differ by platform, so the axis is
 * categorical and the numbers are written under each label). */
static long long nominal(const struct lc_case *c)
{
	struct platform p;
	struct obs o;
	int b;
	memset(&p, 0, sizeof p);
	p.somaxconn = p.somaxconn_macro = 4096;
	return catalogue_backlog(c, &p, &b, &o) == 0 ? b : 0;
}

struct plot {
	FILE *f;
	const struct comparison *cmp;
	size_t cat[MAX_CATS]; /* catalogue indices, in backlog order */
	int ncat;
	double L, CW, T, DH; /* left edge, column width, top, height of a decade */
	int ndec;            /* decades above 1 */
	double y0, ynone, bottom;
};

static double px(const struct plot *P, int j)
{
	return P->L + P->CW * (j + 0.5);
}

/* y of a depth: log scale from 1 up, 0 on a row of its own. */
static double py(const struct plot *P, long long v)
{
	if (v <= 0)
		return P->y0;
	return P->T + (P->ndec - log10((double)v)) * P->DH;
}

static const char *const colours[] = {"#1b6ca8", "#d1495b", "#2e8540", "#b07d00",
				      "#6a4c93", "#00798c", "#8d6e63", "#444444"};

static void marker(FILE *f, int k, double x, double y, const char *col)
{
	double r = 3 + 1.6 * (k % 5);
	switch (k % 6) {
	case 0:
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", x, y, r);
		break;
	case 1:
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", x - r, y - r,
			2 * r, 2 * r);
		break;
	case 2:
		fprintf(f, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x, y - r * 1.2,
			x + r * 1.1, y + r * 0.8, x - r * 1.1, y + r * 0.8);
		break;
	case 3:
		fprintf(f, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x,
			y - r * 1.3, x + r * 1.3, y, x, y + r * 1.3, x - r * 1.3, y);
		break;
	case 4:
		fprintf(f, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x, y + r * 1.2,
			x + r * 1.1, y - r * 0.8, x - r * 1.1, y - r * 0.8);
		break;
	default:
		fprintf(f, "<path d=\"M%.1f %.1fh%.1fM%.1f %.1fv%.1f\"", x - r, y, 2 * r, x, y - r,
			2 * r);
		break;
	}
	fprintf(f, " fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\">", col);
}

static void marker_end(FILE *f, int k)
{
	static const char *const tag[] = {"circle", "rect", "polygon", "polygon", "polygon",
					   "path"};
	fprintf(f, "</%s>", tag[k % 6]);
}

/* The numbers a label stands for on the compared platforms ("" for a
 * plain number, which says it itself). */
static void backlog_text(const struct plot *P, const struct lc_case *c, char *buf, size_t len)
{
	long long seen[COMPARE_MAX_RECORDS], v;
	int nseen = 0, k, a, unknown = 0;
	size_t used;
	struct obs o;
	int b;

	buf[0] = '\0';
	if (integer(c->backlog, &v))
		return;
	for (k = 0; k < P->cmp->ncols; k++) {
		if (catalogue_backlog(c, &P->cmp->cols[k].rec.p, &b, &o) != 0) {
			unknown = 1;
			continue;
		}
		for (a = 0; a < nseen && seen[a] != b; a++)
			;
		if (a == nseen)
			seen[nseen++] = b;
	}
	for (a = 1; a < nseen; a++) { /* insertion sort, ascending */
		long long t = seen[a];
		int z = a;
		for (; z > 0 && seen[z - 1] > t; z--)
			seen[z] = seen[z - 1];
		seen[z] = t;
	}
	snprintf(buf, len, "=");
	for (a = 0; a < nseen; a++) {
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s %lld", a ? "," : "", seen[a]);
	}
	if (unknown) {
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s ?", nseen ? "," : "");
	}
}

static void find_cats(struct plot *P, const char *kind)
{
	const struct comparison *cmp = P->cmp;
	size_t i;
	P->ncat = 0;
	for (i = 0; i < cmp->nall && P->ncat < MAX_CATS; i++) {
		long long key;
		int z;
		if (!is_depth_case(&cmp->all[i], kind))
			continue;
		/* stable insertion by nominal backlog */
		key = nominal(&cmp->all[i]);
		z = P->ncat++;
		for (; z > 0 && nominal(&cmp->all[P->cat[z - 1]]) > key; z--)
			P->cat[z] = P->cat[z - 1];
		P->cat[z] = i;
	}
}

/* Value labels at one x: distinct values, top to bottom, pushed apart. */
static void value_labels(const struct plot *P, int j)
{
	const struct comparison *cmp = P->cmp;
	size_t i = P->cat[j];
	long long vals[COMPARE_MAX_RECORDS];
	int owner[COMPARE_MAX_RECORDS]; /* the one column with it, or -1 */
	int n = 0, k, a;
	double last = -1e9, x = px(P, j) + 11;
	char none[160] = "";

	for (k = 0; k < cmp->ncols; k++) {
		long long v;
		const char *t = cmp->cols[k].obs[i].token;
		if (t[0] == '\0')
			continue;
		if (!integer(t, &v)) {
			if (strstr(none, t) == NULL && strlen(none) + strlen(t) + 2 < sizeof none) {
				if (none[0] != '\0')
					strcat(none, "/");
				strcat(none, t);
			}
			continue;
		}
		for (a = 0; a < n && vals[a] != v; a++)
			;
		if (a == n) {
			vals[n] = v;
			owner[n++] = k;
		} else {
			owner[a] = -1;
		}
	}
	for (a = 1; a < n; a++) { /* descending: top of the plot first */
		long long t = vals[a];
		int o = owner[a], z = a;
		for (; z > 0 && vals[z - 1] < t; z--) {
			vals[z] = vals[z - 1];
			owner[z] = owner[z - 1];
		}
		vals[z] = t;
		owner[z] = o;
	}
	for (a = 0; a < n; a++) {
		double y = py(P, vals[a]);
		if (y < last + 11)
			y = last + 11;
		last = y;
		fprintf(P->f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" "
			"stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">%lld</text>\n", x,
			y + 3.5, owner[a] < 0 ? "#222" : colours[owner[a] % 8], vals[a]);
	}
	if (none[0] != '\0') {
		fprintf(P->f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#222\" "
			"stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">", px(P, j) - 4,
			P->ynone + 14);
		xml_text(P->f, none);
		fprintf(P->f, "</text>\n");
	}
}

static void series(const struct plot *P, int k)
{
	const struct comparison *cmp = P->cmp;
	const struct column *c = &cmp->cols[k];
	const char *col = colours[k % 8];
	const char *dash = compare_predicted(c) ? "7 4" : "none";
	int j, open = 0;

	for (j = 0; j < P->ncat; j++) {
		long long v;
		if (!integer(c->obs[P->cat[j]].token, &v)) {
			if (open)
				fprintf(P->f, "\"/>\n");
			open = 0;
			continue;
		}
		if (!open)
			fprintf(P->f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
				"stroke-dasharray=\"%s\" points=\"", col, dash);
		fprintf(P->f, "%s%.1f,%.1f", open ? " " : "", px(P, j), py(P, v));
		open = 1;
	}
	if (open)
		fprintf(P->f, "\"/>\n");
	for (j = 0; j < P->ncat; j++) {
		const struct lc_case *lc = &cmp->all[P->cat[j]];
		const char *t = c->obs[P->cat[j]].token;
		long long v;
		struct obs o;
		int b, numeric = integer(t, &v);
		if (t[0] == '\0')
			continue;
		marker(P->f, k, px(P, j), numeric ? py(P, v) : P->ynone, col);
		fprintf(P->f, "<title>");
		xml_text(P->f, c->rec.name);
		fprintf(P->f, "%s: %s", compare_predicted(c) ? " (predicted)" : "", lc->id);
		if (catalogue_backlog(lc, &c->rec.p, &b, &o) == 0)
			fprintf(P->f, " (backlog %d)", b);
		fprintf(P->f, ": ");
		xml_text(P->f, t);
		fprintf(P->f, "</title>");
		marker_end(P->f, k);
		fputc('\n', P->f);
	}
}

void plot_depth_svg(FILE *f, const struct comparison *cmp, const char *kind)
{
	struct plot P;
	long long maxd = 1, v;
	double W, H, R, xlab = 0, legend_w = 0, ly;
	char buf[512];
	int j, k, d;
	static const int steps[] = {1, 2, 5};

	memset(&P, 0, sizeof P);
	P.f = f;
	P.cmp = cmp;
	find_cats(&P, kind);
	for (k = 0; k < cmp->ncols; k++)
		for (j = 0; j < P.ncat; j++)
			if (integer(cmp->cols[k].obs[P.cat[j]].token, &v) && v > maxd)
				maxd = v;
	for (P.ndec = 1; pow(10, P.ndec) < (double)maxd; P.ndec++)
		;
	P.CW = 54;
	P.DH = 66;
	P.T = 70;
	P.y0 = P.T + P.ndec * P.DH + 30;
	P.ynone = P.y0 + 26;
	P.bottom = P.ynone + 24;
	/* x labels, vertical: how far they reach down */
	P.L = 84;
	for (j = 0; j < P.ncat; j++) {
		const struct lc_case *lc = &cmp->all[P.cat[j]];
		double w;
		backlog_text(&P, lc, buf, sizeof buf);
		w = strlen(lc->backlog) * CHAR_W;
		if (strlen(buf) * SMALL_W > w)
			w = strlen(buf) * SMALL_W;
		if (w + 16 > xlab)
			xlab = w + 16;
	}
	R = 70;
	W = P.L + P.ncat * P.CW + R;
	legend_w = 0;
	for (k = 0; k < cmp->ncols; k++) {
		const struct column *c = &cmp->cols[k];
		double t = 80 + (strlen(c->rec.name) + 3) * CHAR_W;
		if (compare_predicted(c))
			t += (strlen(c->rec.derived_from) + 30) * CHAR_W;
		if (t > legend_w)
			legend_w = t;
	}
	if (legend_w + 20 > W)
		W = legend_w + 20;
	snprintf(buf, sizeof buf, "Connections waiting for accept(), by listen() backlog (%s)",
		 kind);
	if (20 + strlen(buf) * 8.4 > W)
		W = 20 + strlen(buf) * 8.4;
	ly = P.bottom + xlab + 16;
	H = ly + 40 + 20 * cmp->ncols + 10;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\" "
		"class=\"depth-plot\">\n", W, H, W, H);
	fprintf(f, "<title>listen() queue depth by backlog, ");
	xml_text(f, kind);
	fprintf(f, "</title>\n<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", W, H);
	fprintf(f, "<text x=\"20\" y=\"26\" font-size=\"15\" font-weight=\"bold\">");
	xml_text(f, buf);
	fprintf(f, "</text>\n<text x=\"20\" y=\"46\" fill=\"#444\">depth: connections accept() "
		"hands out (log scale); one x position per backlog label of depth.");
	xml_text(f, kind);
	fprintf(f, ".*</text>\n<text x=\"20\" y=\"62\" fill=\"#444\">under each label: the "
		"backlog it is on the compared platforms</text>\n");

	/* grid: 1, 2, 5 per decade; a row for 0 and one for non-numbers */
	for (d = 0; d <= P.ndec; d++) {
		int s;
		for (s = 0; s < 3 && !(d == P.ndec && s > 0); s++) {
			long long val = (long long)(steps[s] * pow(10, d) + 0.5);
			double y = py(&P, val);
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%lld"
				"</text>\n", P.L, y, P.L + P.ncat * P.CW, y, s == 0 ? "#bbb" : "#e6e6e6",
				P.L - 6, y + 4, val);
		}
	}
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\"/>"
		"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">0</text>\n",
		P.L, P.y0, P.L + P.ncat * P.CW, P.y0, P.L - 6, P.y0 + 4);
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" "
		"stroke-dasharray=\"2 3\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		"font-size=\"11\">no value</text>\n", P.L, P.ynone, P.L + P.ncat * P.CW, P.ynone,
		P.L - 6, P.ynone + 4);
	fprintf(f, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">"
		"depth (log)</text>\n", (P.T + P.y0) / 2);
	for (j = 0; j < P.ncat; j++) {
		const struct lc_case *lc = &cmp->all[P.cat[j]];
		double x = px(&P, j);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
			x, P.T - 6, x, P.bottom);
		backlog_text(&P, lc, buf, sizeof buf);
		fprintf(f, "<text class=\"backlog\" transform=\"translate(%.1f %.1f) rotate(-90)\" "
			"text-anchor=\"end\"><tspan x=\"0\" dy=\"0\" font-weight=\"bold\">",
			buf[0] != '\0' ? x - 2 : x + 4, P.bottom + 8);
		xml_text(f, lc->backlog);
		fprintf(f, "</tspan>");
		if (buf[0] != '\0') {
			fprintf(f, "<tspan x=\"0\" dy=\"13\" font-size=\"10\" fill=\"#555\">");
			xml_text(f, buf);
			fprintf(f, "</tspan>");
		}
		fprintf(f, "</text>\n");
	}
	if (P.ncat == 0 || cmp->ncols == 0)
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">no depth cases to plot</text>\n", P.L + 10,
			P.T + 20);
	for (k = 0; k < cmp->ncols; k++)
		series(&P, k);
	for (j = 0; j < P.ncat; j++)
		value_labels(&P, j);

	/* legend */
	fprintf(f, "<g class=\"legend\">\n");
	fprintf(f, "<line x1=\"20\" y1=\"%.1f\" x2=\"60\" y2=\"%.1f\" stroke=\"#222\" "
		"stroke-width=\"2\"/><text x=\"66\" y=\"%.1f\">measured</text>\n", ly, ly, ly + 4);
	fprintf(f, "<line x1=\"150\" y1=\"%.1f\" x2=\"190\" y2=\"%.1f\" stroke=\"#222\" "
		"stroke-width=\"2\" stroke-dasharray=\"7 4\"/><text x=\"196\" y=\"%.1f\">predicted "
		"(derived from an expectation file)</text>\n", ly, ly, ly + 4);
	for (k = 0; k < cmp->ncols; k++) {
		const struct column *c = &cmp->cols[k];
		double y = ly + 30 + 20 * k;
		fprintf(f, "<line x1=\"20\" y1=\"%.1f\" x2=\"60\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"2\" stroke-dasharray=\"%s\"/>", y, y, colours[k % 8],
			compare_predicted(c) ? "7 4" : "none");
		marker(f, k, 40, y, colours[k % 8]);
		marker_end(f, k);
		fprintf(f, "<text x=\"72\" y=\"%.1f\">", y + 4);
		xml_text(f, c->rec.name);
		if (compare_predicted(c)) {
			fprintf(f, " \xe2\x80\x94 predicted, derived from ");
			xml_text(f, c->rec.derived_from);
		} else {
			fprintf(f, " \xe2\x80\x94 measured");
		}
		fprintf(f, "</text>\n");
	}
	fprintf(f, "</g>\n</svg>\n");
}
