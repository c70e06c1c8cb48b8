/* record.c: printing records and reports (see record.h). */
#define _POSIX_C_SOURCE 200809L
#include "record.h"

#include <string.h>

static void print_clean(FILE *out, const char *s)
{
	for (; *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' ? ' ' : *s, out);
}

void record_line(FILE *out, const struct lc_case *c, const struct obs *o)
{
	fprintf(out, "%s\t%s", c->id, o->token);
	if (o->note[0] != '\0') {
		fputs("\t# ", out);
		print_clean(out, o->note);
	}
	fputc('\n', out);
}

void tap_line(FILE *out, int n, const struct judgement *j)
{
	char msg[1024];
	switch (judgement_test(j, 0, msg, sizeof msg)) {
	case TEST_SKIP:
		fprintf(out, "ok %d - %s # SKIP ", n, j->c->id);
		print_clean(out, msg);
		break;
	case TEST_FAIL:
		fprintf(out, "not ok %d - ", n);
		print_clean(out, msg);
		break;
	default:
		fprintf(out, "ok %d - %s", n, j->c->id);
	}
	fputc('\n', out);
}

static const char *exp_word(const struct judgement *j)
{
	switch (j->exp) {
	case EXP_MATCH: return "match";
	case EXP_DIFFER: return "DIFFERS";
	case EXP_MISSING: return "NO LINE";
	case EXP_BROKEN: return "BROKEN";
	case EXP_SKIP: return "skip";
	default: return "-";
	}
}

int report_print(FILE *out, const struct platform *p, const char *expect_path,
		 const struct judgement *j, size_t n)
{
	size_t i;
	int counts[5] = {0, 0, 0, 0, 0};
	int match = 0, bad = 0, skipped = 0, iw, ow, ew;
	char pt[300];

	fprintf(out, "listen() conformance report\n");
	fprintf(out, "platform:     %s (%s %s %s, %s)\n", p->name, p->os, p->release, p->machine,
		p->libc);
	fprintf(out, "somaxconn:    %ld (%s%s); SOMAXCONN %ld\n", p->somaxconn, p->somaxconn_source,
		p->private_netns ? ", in a private network namespace" : "", p->somaxconn_macro);
	if (expect_path != NULL)
		fprintf(out, "expectations: %s\n\n", expect_path);
	else
		fprintf(out, "expectations: none for platform '%s': POSIX verdicts only\n\n", p->name);

	/* Columns as wide as their longest entry: ids from the whole catalogue
	 * (the same width whatever --only chose), tokens from this report. */
	iw = catalogue_id_width();
	ow = (int)strlen("OBSERVED");
	ew = (int)strlen("EXPECTED");
	for (i = 0; i < n; i++) {
		if ((int)strlen(j[i].obs.token) > ow)
			ow = (int)strlen(j[i].obs.token);
		if (j[i].exp_line > 0 && (int)strlen(j[i].expected) > ew)
			ew = (int)strlen(j[i].expected);
	}
	fprintf(out, "%-*s %-*s %-*s %-8s %s\n", iw, "CASE", ow, "OBSERVED", ew, "EXPECTED",
		"RESULT", "POSIX");
	for (i = 0; i < n; i++) {
		const struct judgement *x = &j[i];
		fprintf(out, "%-*s %-*s %-*s %-8s %s\n", iw, x->c->id, ow, x->obs.token, ew,
			x->exp_line > 0 ? x->expected : "-", exp_word(x),
			posix_text(x, pt, sizeof pt));
		if (obs_is_skip(&x->obs) || strcmp(x->obs.token, "error") == 0) {
			fprintf(out, "%-*s   %s\n", iw, "", x->obs.note);
		} else if (x->exp == EXP_DIFFER || x->exp == EXP_BROKEN) {
			char msg[600];
			judgement_message(x, msg, sizeof msg);
			fprintf(out, "%-*s   %s\n", iw, "", msg);
		}
		counts[x->posix]++;
		if (x->exp == EXP_SKIP)
			skipped++;
		else if (x->exp == EXP_MATCH)
			match++;
		else if (judgement_failed(x))
			bad++;
	}
	fprintf(out, "\nPOSIX: %d conform, %d deviate, %d implementation-defined, %d skipped",
		counts[POSIX_CONFORMS], counts[POSIX_DEVIATES], counts[POSIX_IMPLDEF],
		counts[POSIX_SKIPPED]);
	if (counts[POSIX_UNJUDGED] > 0)
		fprintf(out, ", %d not judged", counts[POSIX_UNJUDGED]);
	fprintf(out, " (of %zu cases)\n", n);
	if (expect_path != NULL)
		fprintf(out, "expectations: %d match, %d differ, %d skipped\n", match, bad, skipped);
	return bad;
}
