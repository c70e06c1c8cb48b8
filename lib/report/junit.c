/* junit.c: JUnit XML (see junit.h). */
#define _POSIX_C_SOURCE 200809L
#include "junit.h"

#include <errno.h>
#include <string.h>
#include <time.h>

/* The length of the UTF-8 sequence at s (1..4), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned long cp;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF, and U+FFFE/U+FFFF are
	 * not XML characters. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp > 0x10ffff || cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

void junit_escape(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*s != '\0') {
		size_t n = utf8_len(s);
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		/* Attribute values normalise white space: keep it as written. */
		case '\t': fputs("&#9;", out); break;
		case '\n': fputs("&#10;", out); break;
		case '\r': fputs("&#13;", out); break;
		default:
			if (n == 0 || *s < 0x20) {
				fputc('?', out);
				n = 1;
			} else {
				fwrite(s, 1, n, out);
			}
			s += n;
			continue;
		}
		s++;
	}
}

static void property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "      <property name=\"%s\" value=\"", name);
	junit_escape(out, value);
	fputs("\"/>\n", out);
}

static void property_long(FILE *out, const char *name, long v)
{
	char buf[32];
	if (v < 0)
		snprintf(buf, sizeof buf, "unknown");
	else
		snprintf(buf, sizeof buf, "%ld", v);
	property(out, name, buf);
}

int junit_write(FILE *out, const char *suite, const struct platform *p,
		const char *expect_path, const struct junit_case *cases, size_t n, double seconds)
{
	size_t i, fail = 0, err = 0, skip = 0;
	char stamp[32] = "";
	time_t now = time(NULL);
	struct tm tm;

	for (i = 0; i < n; i++) {
		fail += cases[i].status == JUNIT_FAIL;
		err += cases[i].status == JUNIT_ERROR;
		skip += cases[i].status == JUNIT_SKIP;
	}
	if (gmtime_r(&now, &tm) != NULL)
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "
		"time=\"%.3f\">\n", n, fail, err, skip, seconds);
	fputs("  <testsuite name=\"", out);
	junit_escape(out, suite);
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "
		"time=\"%.3f\" timestamp=\"%s\">\n", n, fail, err, skip, seconds, stamp);
	fputs("    <properties>\n", out);
	if (p != NULL) {
		property(out, "platform", p->name);
		property(out, "os", p->os);
		property(out, "release", p->release);
		property(out, "machine", p->machine);
		property(out, "libc", p->libc);
		property_long(out, "somaxconn", p->somaxconn);
		property_long(out, "SOMAXCONN", p->somaxconn_macro);
		property(out, "network-namespace", p->private_netns ? "private" : "host");
	}
	property(out, "expectations", expect_path != NULL ? expect_path : "none");
	fputs("    </properties>\n", out);
	for (i = 0; i < n; i++) {
		const struct junit_case *c = &cases[i];
		fputs("    <testcase classname=\"", out);
		junit_escape(out, c->classname);
		fputs("\" name=\"", out);
		junit_escape(out, c->name);
		fputc('"', out);
		if (c->seconds >= 0)
			fprintf(out, " time=\"%.6f\"", c->seconds);
		if (c->status == JUNIT_PASS) {
			fputs("/>\n", out);
			continue;
		}
		fputs(">\n      <", out);
		fputs(c->status == JUNIT_SKIP ? "skipped" : c->status == JUNIT_FAIL ? "failure" : "error",
		      out);
		fputs(" message=\"", out);
		junit_escape(out, c->message != NULL ? c->message : "");
		if (c->status == JUNIT_SKIP) {
			fputs("\"/>\n    </testcase>\n", out);
			continue;
		}
		/* The message again as the element's text, for viewers that
		 * show only that. */
		fputs("\">", out);
		junit_escape(out, c->message != NULL ? c->message : "");
		fputs(c->status == JUNIT_FAIL ? "</failure>\n" : "</error>\n", out);
		fputs("    </testcase>\n", out);
	}
	fputs("  </testsuite>\n</testsuites>\n", out);
	fflush(out);
	return ferror(out) ? -1 : 0;
}

int junit_write_file(const char *path, const char *suite, const struct platform *p,
		     const char *expect_path, const struct junit_case *cases, size_t n,
		     double seconds, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int r;
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	r = junit_write(f, suite, p, expect_path, cases, n, seconds);
	if (fclose(f) != 0 || r != 0) {
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
