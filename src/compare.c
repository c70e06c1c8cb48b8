/* compare.c: records side by side (see compare.h). */
#define _POSIX_C_SOURCE 200809L
#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void compare_init(struct comparison *cmp)
{
	memset(cmp, 0, sizeof *cmp);
	cmp->all = catalogue_all(&cmp->nall);
}

static int judge_column(const struct comparison *cmp, struct column *c)
{
	struct obs_set set;
	size_t i;
	c->obs = calloc(cmp->nall, sizeof *c->obs);
	c->j = calloc(cmp->nall, sizeof *c->j);
	if (c->obs == NULL || c->j == NULL)
		return -1;
	for (i = 0; i < cmp->nall; i++) {
		const struct obs *o = record_find(&c->rec, cmp->all[i].id);
		if (o != NULL)
			c->obs[i] = *o;
	}
	set.base = cmp->all;
	set.obs = c->obs;
	set.n = cmp->nall;
	for (i = 0; i < cmp->nall; i++) {
		if (c->obs[i].token[0] == '\0')
			continue;
		judge(&cmp->all[i], &c->obs[i], NULL, &c->rec.p, &set, &c->j[i]);
		c->counts[c->j[i].posix]++;
	}
	return 0;
}

int compare_add(struct comparison *cmp, const char *path, char *err, size_t errlen)
{
	struct column *c;
	if (cmp->ncols == COMPARE_MAX_RECORDS) {
		snprintf(err, errlen, "%s: at most %d records\n", path, COMPARE_MAX_RECORDS);
		return 1;
	}
	c = &cmp->cols[cmp->ncols];
	if (record_load(&c->rec, path, err, errlen) != 0) {
		record_free(&c->rec);
		return 1;
	}
	/* rec.name is shorter than label, with room for the mark. */
	memcpy(c->label, c->rec.name, sizeof c->rec.name);
	c->label[sizeof c->rec.name - 1] = '\0';
	if (c->rec.derived_from[0] != '\0')
		strncat(c->label, " (predicted)", sizeof c->label - strlen(c->label) - 1);
	if (judge_column(cmp, c) != 0) {
		snprintf(err, errlen, "%s: out of memory\n", path);
		free(c->obs);
		free(c->j);
		record_free(&c->rec);
		return 1;
	}
	cmp->ncols++;
	return 0;
}

void compare_free(struct comparison *cmp)
{
	int k;
	for (k = 0; k < cmp->ncols; k++) {
		free(cmp->cols[k].obs);
		free(cmp->cols[k].j);
		record_free(&cmp->cols[k].rec);
	}
	cmp->ncols = 0;
}

int compare_shown(const struct comparison *cmp, size_t i)
{
	int k;
	for (k = 0; k < cmp->ncols; k++)
		if (cmp->cols[k].obs[i].token[0] != '\0')
			return 1;
	return 0;
}

int compare_differs(const struct comparison *cmp, size_t i)
{
	const char *first = NULL;
	int k;
	for (k = 0; k < cmp->ncols; k++) {
		const char *t = cmp->cols[k].obs[i].token;
		if (t[0] == '\0' || strcmp(t, "skip") == 0)
			continue;
		if (first == NULL)
			first = t;
		else if (strcmp(first, t) != 0)
			return 1;
	}
	return 0;
}

int compare_deviates(const struct column *c, size_t i)
{
	return c->obs[i].token[0] != '\0' && c->j[i].posix == POSIX_DEVIATES;
}

void compare_cell(char *buf, size_t len, const struct column *c, size_t i)
{
	const char *t = c->obs[i].token;
	if (t[0] == '\0')
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s%s", t, compare_deviates(c, i) ? "*" : "");
}

void compare_posix_cell(char *buf, size_t len, const struct lc_case *c)
{
	if (c->posix == NULL)
		snprintf(buf, len, "impl.-defined (%s)", c->assertion);
	else
		snprintf(buf, len, "%s (%s)", c->posix, c->assertion);
}

int compare_predicted(const struct column *c)
{
	return c->rec.derived_from[0] != '\0';
}
