/* fuzz_record: libFuzzer target for the record reader that listen-compare
 * and listen-observe --judge use.  A record that loads is also judged, as
 * --judge would, so the verdict code sees hostile tokens too. */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "recread.h"
#include "verdict.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char err[4096];
	static struct obs obs[512];
	struct record r;
	struct obs_set set;
	struct judgement j;
	const struct lc_case *all;
	size_t n;
	FILE *f;

	if (size == 0)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (f == NULL)
		return 0;
	all = catalogue_all(&n);
	if (record_load_stream(&r, "fuzz.rec", f, err, sizeof err) == 0 && n <= 512) {
		size_t i;
		memset(obs, 0, sizeof obs);
		for (i = 0; i < r.n; i++) {
			const struct lc_case *c = catalogue_find(r.v[i].id);
			if (c != NULL)
				obs[c - all] = r.v[i].o;
		}
		set.base = all;
		set.obs = obs;
		set.n = n;
		for (i = 0; i < n; i++)
			if (obs[i].token[0] != '\0')
				judge(&all[i], &obs[i], NULL, &r.p, &set, &j);
	} else if (err[0] != '\0' && strchr(err, ':') == NULL) {
		__builtin_trap();
	}
	record_free(&r);
	fclose(f);
	return 0;
}
