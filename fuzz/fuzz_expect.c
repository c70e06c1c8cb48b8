/* fuzz_expect: libFuzzer target for the expectation-file parser.  Any input
 * must give either a clean load or errors naming FILE:LINE, and never crash,
 * leak or hang (make fuzz builds it with ASan and UBSan). */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "expect.h"
#include "verdict.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char err[4096];
	struct expectations x;
	struct platform p;
	const struct lc_case *cat;
	size_t n;
	FILE *f;

	if (size == 0)
		return 0; /* fmemopen() refuses an empty buffer */
	f = fmemopen((void *)data, size, "r");
	if (f == NULL)
		return 0;
	memset(&p, 0, sizeof p);
	snprintf(p.release, sizeof p.release, "6.1.0");
	p.somaxconn = 4096;
	p.somaxconn_macro = 4096;
	p.nofile_soft = 1024;
	cat = catalogue_all(&n);
	if (expect_load_stream(&x, "fuzz.exp", f, cat, n, &p, err, sizeof err) == 0) {
		/* A file that loads must also evaluate for every case. */
		size_t i;
		for (i = 0; i < n; i++) {
			const struct exp_entry *e = expect_find(&x, &cat[i], &p);
			if (e != NULL) {
				char tok[64], msg[200];
				(void)expect_token(e, &p, NULL, tok, sizeof tok, msg, sizeof msg);
			}
		}
	} else if (strchr(err, ':') == NULL) {
		__builtin_trap(); /* an error must name where it is */
	}
	expect_free(&x);
	fclose(f);
	return 0;
}
