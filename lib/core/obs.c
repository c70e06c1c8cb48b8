/* obs.c: building observation tokens (see obs.h for the token grammar). */
#define _POSIX_C_SOURCE 200809L
#include "obs.h"
#include "errnames.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void obs_clear(struct obs *o)
{
	/* All of it: observations travel whole through pipes. */
	memset(o, 0, sizeof *o);
}

static void set_token(struct obs *o, const char *t)
{
	snprintf(o->token, sizeof o->token, "%s", t);
}

void obs_ok(struct obs *o)
{
	set_token(o, "ok");
}

void obs_errno(struct obs *o, int err)
{
	char buf[32];
	set_token(o, errno_name(err, buf, sizeof buf));
}

void obs_step_errno(struct obs *o, const char *step, int err)
{
	char buf[32];
	snprintf(o->token, sizeof o->token, "%s:%s", step,
		 errno_name(err, buf, sizeof buf));
	if (o->note[0] == '\0')
		obs_note(o, "%s failed: %s", step, strerror(err));
}

void obs_word(struct obs *o, const char *word)
{
	set_token(o, word);
}

void obs_int(struct obs *o, long long value)
{
	snprintf(o->token, sizeof o->token, "%lld", value);
}

void obs_skip(struct obs *o, const char *fmt, ...)
{
	va_list ap;
	set_token(o, "skip");
	va_start(ap, fmt);
	vsnprintf(o->note, sizeof o->note, fmt, ap);
	va_end(ap);
}

void obs_note(struct obs *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(o->note, sizeof o->note, fmt, ap);
	va_end(ap);
}

int obs_is_skip(const struct obs *o)
{
	return strcmp(o->token, "skip") == 0;
}

int obs_is_set(const struct obs *o)
{
	return o->token[0] != '\0';
}
