/* recread.h: reading observation records (the format listen-observe
 * prints; see record.h and the README).  Records come from other machines
 * and other versions of the suite, so the reader is strict about form and
 * lenient about content: malformed lines are errors naming FILE:LINE;
 * unknown header keys are ignored; case ids this version does not know are
 * kept (a comparison shows them).  A predicted record (listen-predict) is
 * one with a "# derived-from: FILE" header: what an expectation file says,
 * not what a system did. */
#ifndef LC_RECREAD_H
#define LC_RECREAD_H

#include <stddef.h>
#include <stdio.h>

#include "obs.h"
#include "platform.h"

#define REC_ID_MAX 96
#define REC_LINE_MAX 1024

struct rec_line {
	char id[REC_ID_MAX];
	struct obs o;
	int line;
};

struct record {
	char path[512];
	char name[96];        /* a column label: "# name:" or made from the facts */
	char derived_from[256]; /* the expectation file a predicted record was derived from; empty for a measurement */
	struct platform p;    /* facts from the header */
	int version;
	struct rec_line *v;
	size_t n, cap;
};

/* Returns 0, or the number of errors (each "FILE:LINE: problem" in err). */
int record_load(struct record *r, const char *path, char *err, size_t errlen);

/* The same from an open stream; name stands for the file in messages. */
int record_load_stream(struct record *r, const char *name, FILE *f, char *err, size_t errlen);

void record_free(struct record *r);

/* The observation of id, or NULL. */
const struct obs *record_find(const struct record *r, const char *id);

#endif
