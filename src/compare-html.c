/* compare-html.c: the HTML report (see compare-html.h). */
#define _POSIX_C_SOURCE 200809L
#include "compare-html.h"
#include "compare-svg.h"

#include <string.h>

static const char style[] =
	"body { font-family: sans-serif; margin: 1.5em; color: #222; }\n"
	"h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }\n"
	".scroll { overflow-x: auto; max-width: 100%; }\n"
	"svg.depth-plot { max-width: 100%; height: auto; }\n"
	"table { border-collapse: collapse; font-size: 13px; }\n"
	"th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; "
	"vertical-align: top; }\n"
	"table.cases td, table.cases th.case { white-space: nowrap; }\n"
	"table.cases thead th { background: #f0f0f0; overflow-wrap: break-word; }\n"
	"tr.differs th.case, tr.differs td { background: #fff1c2; }\n"
	"th.case { font-weight: normal; font-family: monospace; }\n"
	"td.deviates { color: #b00000; font-weight: bold; }\n"
	".predicted { font-style: italic; color: #555; }\n"
	".platforms { display: flex; flex-wrap: wrap; gap: 1em; }\n"
	".platform { border: 1px solid #ccc; padding: 0.5em 1em; max-width: 100%; "
	"overflow-wrap: break-word; }\n"
	".platform h3 { margin: 0.2em 0 0.4em; font-size: 1.05em; }\n"
	".platform dl { display: grid; grid-template-columns: auto auto; gap: 0 1em; "
	"margin: 0 0 0.5em; }\n"
	".platform dt { color: #555; } .platform dd { margin: 0; }\n"
	"@media print { .scroll { overflow: visible; } }\n";

static void fact(FILE *f, const char *key, const char *value)
{
	fprintf(f, "<dt>");
	xml_text(f, key);
	fprintf(f, "</dt><dd>");
	xml_text(f, value[0] != '\0' ? value : "unknown");
	fprintf(f, "</dd>\n");
}

static void fact_long(FILE *f, const char *key, long v, const char *negative)
{
	char buf[32];
	if (v < 0)
		snprintf(buf, sizeof buf, "%s", negative);
	else
		snprintf(buf, sizeof buf, "%ld", v);
	fact(f, key, buf);
}

static void platform_card(FILE *f, const struct column *c)
{
	const struct platform *p = &c->rec.p;
	const int *n = c->counts;
	char buf[256];

	fprintf(f, "<section class=\"platform\"><h3>");
	xml_text(f, c->rec.name);
	fprintf(f, "</h3>\n");
	if (compare_predicted(c)) {
		fprintf(f, "<p class=\"predicted\">predicted: derived from the expectation file ");
		xml_text(f, c->rec.derived_from);
		fprintf(f, ", not measured</p>\n");
	} else {
		fprintf(f, "<p>measured</p>\n");
	}
	fprintf(f, "<dl>\n");
	fact(f, "record", c->rec.path);
	fact(f, "platform", p->name);
	snprintf(buf, sizeof buf, "%s %s %s", p->os, p->release, p->machine);
	fact(f, "system", buf);
	fact(f, "libc", p->libc);
	if (p->somaxconn >= 0 && p->somaxconn_source[0] != '\0')
		snprintf(buf, sizeof buf, "%ld (%s)", p->somaxconn, p->somaxconn_source);
	else if (p->somaxconn >= 0)
		snprintf(buf, sizeof buf, "%ld", p->somaxconn);
	else
		snprintf(buf, sizeof buf, "unknown");
	fact(f, "somaxconn", buf);
	fact_long(f, "SOMAXCONN", p->somaxconn_macro, "unknown");
	fact_long(f, "RLIMIT_NOFILE", p->nofile_soft, "unlimited");
	fact_long(f, "tcp_syncookies", p->tcp_syncookies, "-");
	fact_long(f, "tcp_abort_on_overflow", p->tcp_abort_on_overflow, "-");
	fact(f, "network namespace", p->private_netns ? "private" : "host");
	fprintf(f, "</dl>\n<table class=\"counts\"><tr><th>conforms</th><th>deviates</th>"
		"<th>implementation-defined</th><th>skipped</th><th>not judged</th></tr>\n"
		"<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr></table>\n"
		"</section>\n", n[POSIX_CONFORMS], n[POSIX_DEVIATES], n[POSIX_IMPLDEF],
		n[POSIX_SKIPPED], n[POSIX_UNJUDGED]);
}

static void case_table(FILE *f, const struct comparison *cmp)
{
	char buf[128];
	int k, ndiff = 0;
	size_t i;

	fprintf(f, "<div class=\"scroll\"><table class=\"cases\">\n<thead><tr><th>case</th>");
	for (k = 0; k < cmp->ncols; k++) {
		fprintf(f, "<th>");
		xml_text(f, cmp->cols[k].rec.name);
		if (compare_predicted(&cmp->cols[k]))
			fprintf(f, "<br/><span class=\"predicted\">predicted</span>");
		fprintf(f, "</th>");
	}
	fprintf(f, "<th>POSIX</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < cmp->nall; i++) {
		int d;
		if (!compare_shown(cmp, i))
			continue;
		d = compare_differs(cmp, i);
		ndiff += d;
		fprintf(f, d ? "<tr class=\"differs\"><th class=\"case\">&#x2260; " :
			"<tr><th class=\"case\">");
		xml_text(f, cmp->all[i].id);
		fprintf(f, "</th>");
		for (k = 0; k < cmp->ncols; k++) {
			const struct column *c = &cmp->cols[k];
			compare_cell(buf, sizeof buf, c, i);
			fprintf(f, "<td%s", compare_deviates(c, i) ? " class=\"deviates\"" : "");
			if (c->obs[i].note[0] != '\0' || compare_deviates(c, i)) {
				fprintf(f, " title=\"");
				xml_text(f, c->obs[i].note);
				if (compare_deviates(c, i)) {
					fprintf(f, "%sPOSIX: ", c->obs[i].note[0] ? "; " : "");
					xml_text(f, c->j[i].posix_detail);
				}
				fprintf(f, "\"");
			}
			fprintf(f, ">");
			xml_text(f, buf);
			fprintf(f, "</td>");
		}
		compare_posix_cell(buf, sizeof buf, &cmp->all[i]);
		fprintf(f, "<td>");
		xml_text(f, buf);
		fprintf(f, "</td></tr>\n");
	}
	fprintf(f, "</tbody></table></div>\n<p>%d rows differ between platforms (highlighted, "
		"&#x2260;); &#x2018;*&#x2019; marks a deviation from POSIX.</p>\n", ndiff);
}

static int page_width(const struct comparison *cmp)
{
	size_t i, id = 0, posix = 0;
	char buf[128];
	int k, w;
	for (i = 0; i < cmp->nall; i++) {
		if (!compare_shown(cmp, i))
			continue;
		compare_posix_cell(buf, sizeof buf, &cmp->all[i]);
		if (strlen(buf) > posix)
			posix = strlen(buf);
		if (strlen(cmp->all[i].id) > id)
			id = strlen(cmp->all[i].id);
	}
	w = 120 + (int)(id + 2) * 9 + (int)posix * 8;
	for (k = 0; k < cmp->ncols; k++) {
		size_t cell = 10;
		for (i = 0; i < cmp->nall; i++)
			if (strlen(cmp->cols[k].obs[i].token) + 1 > cell)
				cell = strlen(cmp->cols[k].obs[i].token) + 1;
		w += 16 + (int)cell * 8;
	}
	return w > 1587 ? w : 1587;
}

void html_report(FILE *f, const struct comparison *cmp, const char *kind)
{
	int k, npred = 0;

	for (k = 0; k < cmp->ncols; k++)
		npred += compare_predicted(&cmp->cols[k]);
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		"<title>listen() conformance: %d platforms side by side</title>\n"
		"<style>\n%s", cmp->ncols, style);
	/* Paper as wide as the table (estimated generously), at least A3
	 * landscape: on paper there is no scrolling. */
	fprintf(f, "@page { size: %dpx 1123px; margin: 10mm; }\n</style>\n</head>\n<body>\n",
		page_width(cmp));
	fprintf(f, "<h1>listen() conformance: %d platforms side by side</h1>\n", cmp->ncols);
	fprintf(f, "<p>%d measured, %d predicted (derived from an expectation file, not "
		"run). Each record is judged against POSIX with its own facts.</p>\n",
		cmp->ncols - npred, npred);
	fprintf(f, "<h2>Queue depth by backlog (");
	xml_text(f, kind);
	fprintf(f, ")</h2>\n<div class=\"scroll\">\n");
	plot_depth_svg(f, cmp, kind);
	fprintf(f, "</div>\n<h2>Every case</h2>\n");
	case_table(f, cmp);
	fprintf(f, "<h2>Platforms</h2>\n<div class=\"platforms\">\n");
	for (k = 0; k < cmp->ncols; k++)
		platform_card(f, &cmp->cols[k]);
	fprintf(f, "</div>\n</body>\n</html>\n");
}
