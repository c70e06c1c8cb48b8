/* session.c: platform facts plus the expectation file (see session.h). */
#define _POSIX_C_SOURCE 200809L
#include "session.h"

#include <string.h>

static int load(struct session *s, const char *explicit_path, char *err, size_t errlen);

int session_open(struct session *s, const char *explicit_path, char *err, size_t errlen)
{
	memset(s, 0, sizeof *s);
	platform_raise_nofile();
	platform_probe(&s->p);
	return load(s, explicit_path, err, errlen);
}

int session_open_for(struct session *s, const struct platform *p, const char *explicit_path,
		     char *err, size_t errlen)
{
	memset(s, 0, sizeof *s);
	s->p = *p;
	return load(s, explicit_path, err, errlen);
}

static int load(struct session *s, const char *explicit_path, char *err, size_t errlen)
{
	char path[512];
	int r;

	r = expect_locate(&s->p, explicit_path, path, sizeof path, err, errlen);
	if (r < 0)
		return -1;
	if (r == 0)
		return 0;
	{
		size_t n;
		const struct lc_case *all = catalogue_all(&n);
		r = expect_load(&s->x, path, all, n, &s->p, err, errlen);
	}
	if (r != 0) {
		expect_free(&s->x);
		return -1;
	}
	s->have_x = 1;
	return 0;
}

void session_close(struct session *s)
{
	if (s->have_x)
		expect_free(&s->x);
	s->have_x = 0;
}
