/* check_expect: self-tests of the expectation parser, the expression
 * evaluator and the verdicts.  Each malformed file must give a clear error
 * naming FILE:LINE; each well-formed one must mean exactly what it says. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "catalogue.h"
#include "errnames.h"
#include "expect.h"
#include "expr.h"
#include "sockutil.h"
#include "verdict.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A small catalogue of its own, so the tests do not depend on real rows. */
static const struct observer numeric_observer = {"numeric", NULL, NULL, 1, NULL};
static const char *const test_words[] = {"noport", NULL};
static const struct observer word_observer = {"words", NULL, test_words, 0, NULL};
static const struct lc_case test_cat[] = {
	{.id = "t.errno", .assertion = "E1", .posix = "EBADF", .observer = &observe_listen},
	{.id = "t.depth", .assertion = "A4", .observer = &numeric_observer},
	{.id = "t.words", .assertion = "E2", .posix = "ok|EDESTADDRREQ", .observer = &word_observer},
	{.id = "t.limit", .assertion = "A3", .observer = &numeric_observer},
};
#define NTEST_CAT (sizeof test_cat / sizeof test_cat[0])

static struct platform fake_platform(long somaxconn, const char *release)
{
	struct platform p;
	memset(&p, 0, sizeof p);
	snprintf(p.name, sizeof p.name, "test");
	snprintf(p.release, sizeof p.release, "%s", release);
	p.somaxconn = somaxconn;
	p.somaxconn_macro = 4096;
	p.nofile_soft = 1024;
	return p;
}

/* Writes len bytes of text to a fresh file in the private directory. */
static void write_file(char *path, size_t plen, const char *text, size_t len)
{
	char why[200];
	const char *dir = lc_tmpdir(why, sizeof why);
	FILE *f;
	static unsigned n;
	ck_assert_msg(dir != NULL, "%s", why);
	snprintf(path, plen, "%s/t%u.exp", dir, n++);
	f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "fopen %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

static int load_text(const char *text, size_t len, struct expectations *x,
		     const struct platform *p, char *err, size_t errlen)
{
	char path[300];
	write_file(path, sizeof path, text, len);
	return expect_load(x, path, test_cat, NTEST_CAT, p, err, errlen);
}

/* ---- malformed files: each a clear error at the right line ---- */

struct bad_file {
	const char *name;
	const char *text; /* NULL: built by the test */
	int line;         /* the line the error must name (0: the file) */
	const char *says; /* a part of the message */
};

static const struct bad_file bad_files[] = {
	{"missing value", "# header\nt.errno   # cite\n", 2, "has no value"},
	{"missing citation", "t.errno EBADF\n", 1, "has no citation"},
	{"empty citation", "t.errno EBADF #   \n", 1, "has no citation"},
	{"unknown errno name", "t.errno EFOOBAR # cite\n", 1, "unknown errno name 'EFOOBAR'"},
	{"unknown errno after step", "t.errno bind:ENOPE # cite\n", 1, "unknown errno name 'ENOPE'"},
	{"not an outcome", "t.errno maybe # cite\n", 1, "'maybe' is not an outcome of t.errno"},
	{"skip expected", "t.errno skip # cite\n", 1, "cannot be expected"},
	{"error expected", "t.errno error # cite\n", 1, "cannot be expected"},
	{"integer for an errno case", "t.errno 5 # cite\n", 1, "is not an outcome"},
	{"bad expression", "\n\nt.depth 5 + # cite\n", 3, "bad expression '5 +'"},
	{"unbalanced parenthesis", "t.depth (5 + 1 # cite\n", 1, "missing ')'"},
	{"division by zero", "t.depth somaxconn / 0 # cite\n", 1, "division by zero"},
	{"modulo by zero", "t.depth 7 % (3 - 3) # cite\n", 1, "division by zero"},
	{"unknown name", "t.depth somaxcon + 1 # cite\n", 1, "unknown name somaxcon"},
	{"unknown function", "t.depth mean(1, 2) # cite\n", 1, "unknown function mean"},
	{"one-argument min", "t.depth min(1) # cite\n", 1, "at least two arguments"},
	{"overflow", "t.depth 99999999999999999999 # cite\n", 1, "number too large"},
	{"multiplication overflow", "t.depth 1073741824 * 1073741824 * 1073741824 # c\n", 1,
	 "out of range"},
	{"duplicate id", "t.errno EBADF # a\nt.errno EBADF # b\n", 2,
	 "duplicate expectation for t.errno (first at line 1)"},
	{"unknown id", "t.errno EBADF # a\nt.nothing ok # b\n", 2, "unknown case id 't.nothing'"},
	{"bad id characters", "t.err$no EBADF # a\n", 1, "bad case id"},
	{"bad condition", "t.errno [linux >= 5] EBADF # a\n", 1, "bad condition"},
	{"bad condition operator", "t.errno [kernel ~ 5] EBADF # a\n", 1, "operator"},
	{"bad kernel version", "t.errno [kernel >= 5.x] EBADF # a\n", 1, "bad kernel version"},
	{"unclosed condition", "t.errno [kernel >= 5 EBADF # a\n", 1, "no closing ']'"},
	{"overlapping conditions",
	 "t.errno [kernel >= 5] EBADF # a\nt.errno [kernel >= 6] EINVAL # b\n", 2,
	 "both apply"},
	{"control character", "t.errno EBADF\001 # a\n", 1, "control character 0x01"},
	{"empty file", "", 0, "no expectations in the file"},
	{"only comments", "# nothing\n\n   \n", 0, "no expectations in the file"},
	{"long line", NULL, 2, "characters long"},
	{"binary junk", NULL, 1, "binary data"},
};

START_TEST(test_bad_file)
{
	const struct bad_file *b = &bad_files[_i];
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x;
	char err[4096], want[600], text[6000];
	size_t len;
	int n;

	if (b->text != NULL) {
		len = strlen(b->text);
		memcpy(text, b->text, len);
	} else if (strcmp(b->name, "long line") == 0) {
		len = (size_t)snprintf(text, sizeof text, "t.errno EBADF # ok\nt.errno ");
		memset(text + len, 'x', 5000);
		len += 5000;
		text[len++] = '\n';
	} else {
		static const char junk[] = "\x7f" "ELF\002\001\001\000\000\000\000\377\376";
		len = sizeof junk;
		memcpy(text, junk, len);
	}
	n = load_text(text, len, &x, &p, err, sizeof err);
	ck_assert_msg(n > 0, "%s: accepted, but must be refused", b->name);
	if (b->line > 0)
		snprintf(want, sizeof want, "%s:%d: ", x.path, b->line);
	else
		snprintf(want, sizeof want, "%s: ", x.path);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0,
		      "%s: error should start with '%s', got '%s'", b->name, want, err);
	ck_assert_msg(strstr(err, b->says) != NULL, "%s: error should say '%s', got '%s'",
		      b->name, b->says, err);
	expect_free(&x);
}
END_TEST

START_TEST(test_missing_file)
{
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x;
	char err[1024];
	ck_assert_int_gt(expect_load(&x, "/nonexistent/listen.exp", test_cat, NTEST_CAT, &p,
				     err, sizeof err), 0);
	ck_assert_msg(strstr(err, "/nonexistent/listen.exp: cannot read") != NULL, "%s", err);
	expect_free(&x);
}
END_TEST

START_TEST(test_directory)
{
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x;
	char err[1024], why[200];
	const char *dir = lc_tmpdir(why, sizeof why);
	ck_assert_msg(dir != NULL, "%s", why);
	ck_assert_int_gt(expect_load(&x, dir, test_cat, NTEST_CAT, &p, err, sizeof err), 0);
	ck_assert_msg(strstr(err, "is a directory") != NULL, "%s", err);
	expect_free(&x);
}
END_TEST

START_TEST(test_all_errors_reported)
{
	/* Every bad line is reported, not just the first. */
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x;
	char err[4096];
	const char *text = "t.errno EFOO # a\nt.depth 1/0 # b\nt.words nope # c\n";
	ck_assert_int_eq(load_text(text, strlen(text), &x, &p, err, sizeof err), 3);
	ck_assert_msg(strstr(err, ":1: ") && strstr(err, ":2: ") && strstr(err, ":3: "), "%s",
		      err);
	expect_free(&x);
}
END_TEST

/* ---- well-formed files mean what they say ---- */

START_TEST(test_good_file)
{
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x;
	const struct exp_entry *e;
	char err[4096], tok[64];
	const char *text =
		"# a comment\n"
		"\n"
		"t.errno\tEBADF\t# net/socket.c __sys_listen\n"
		"  t.depth   min(5, somaxconn) + 1   # include/net/sock.h sk_acceptq_is_full\n"
		"t.words [kernel >= 5.4, kernel < 6.0] bind:EADDRINUSE # old\n"
		"t.words [kernel >= 6.0] noport # new\n";
	ck_assert_msg(load_text(text, strlen(text), &x, &p, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(x.n, 4);

	e = expect_find(&x, &test_cat[0], &p);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 3);
	ck_assert_str_eq(e->value, "EBADF");
	ck_assert_str_eq(e->cite, "net/socket.c __sys_listen");

	e = expect_find(&x, &test_cat[1], &p);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(expect_token(e, &p, NULL, tok, sizeof tok, err, sizeof err), 0);
	ck_assert_str_eq(tok, "6");
	p.somaxconn = 3; /* the same line holds for any somaxconn */
	ck_assert_int_eq(expect_token(e, &p, NULL, tok, sizeof tok, err, sizeof err), 0);
	ck_assert_str_eq(tok, "4");

	e = expect_find(&x, &test_cat[2], &p);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->value, "noport");
	p = fake_platform(4096, "5.10.0-21-amd64");
	e = expect_find(&x, &test_cat[2], &p);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->value, "bind:EADDRINUSE");
	p = fake_platform(4096, "4.19.0");
	ck_assert_ptr_null(expect_find(&x, &test_cat[2], &p));
	expect_free(&x);
}
END_TEST

/* ---- expressions ---- */

struct expr_case {
	const char *text;
	long long value;
};

static const struct expr_case exprs[] = {
	{"1+2*3", 7}, {"(1+2)*3", 9}, {"-1", -1}, {"--1", 1}, {"10/3", 3}, {"10%3", 1},
	{"min(5, somaxconn)+1", 6}, {"max(1, 2, 3)", 3}, {"min(INT_MAX, somaxconn) + 1", 4097},
	{"INT_MIN", -2147483648LL}, {" somaxconn - SOMAXCONN ", 0}, {"nofile", 1024},
	{"UINT_MAX", 4294967295LL}, {"3*(somaxconn/2)/2 + 1", 3073},
};

static int lookup(void *ctx, const char *name, long long *v)
{
	return platform_fact(ctx, name, v);
}

START_TEST(test_expr)
{
	struct platform p = fake_platform(4096, "6.1.0");
	long long v = 0;
	char err[200];
	ck_assert_msg(expr_eval(exprs[_i].text, lookup, &p, &v, err, sizeof err) == 0, "%s: %s",
		      exprs[_i].text, err);
	ck_assert_msg(v == exprs[_i].value, "%s gave %lld, not %lld", exprs[_i].text, v,
		      exprs[_i].value);
}
END_TEST

START_TEST(test_expr_unknown_fact)
{
	/* A fact that cannot be read is an error, never a guess. */
	struct platform p = fake_platform(-1, "6.1.0");
	long long v;
	char err[200];
	ck_assert_int_eq(expr_eval("somaxconn + 1", lookup, &p, &v, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "unknown name somaxconn") != NULL, "%s", err);
}
END_TEST

START_TEST(test_missing_fact)
{
	/* A fact with no known value (a record or a prediction that does not
	 * state SOMAXCONN) is named at its line, never taken as -1. */
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x;
	char err[1024];
	const char *text = "t.errno EBADF # a\nt.depth min(SOMAXCONN, somaxconn) + 1 # b\n";
	long long v;

	p.somaxconn_macro = -1;
	ck_assert_int_ne(load_text(text, strlen(text), &x, &p, err, sizeof err), 0);
	ck_assert_msg(strstr(err, ":2: t.depth needs the fact 'SOMAXCONN', which is not known") != NULL,
		      "%s", err);
	expect_free(&x);
	ck_assert_int_eq(expect_eval("SOMAXCONN + 1", &p, NULL, &v, err, sizeof err), -3);
	ck_assert_msg(strstr(err, "SOMAXCONN") != NULL, "%s", err);
}
END_TEST

/* ---- verdicts ---- */

START_TEST(test_verdicts)
{
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x;
	struct judgement j;
	struct obs o;
	char err[1024], msg[1024];
	const char *text = "t.errno EINVAL # a made-up deviation\n";

	ck_assert_int_eq(load_text(text, strlen(text), &x, &p, err, sizeof err), 0);

	/* observed == expected, but POSIX wants EBADF: matches, deviates. */
	obs_clear(&o);
	obs_errno(&o, EINVAL);
	judge(&test_cat[0], &o, &x, &p, NULL, &j);
	ck_assert_int_eq(j.exp, EXP_MATCH);
	ck_assert_int_eq(j.posix, POSIX_DEVIATES);
	ck_assert(!judgement_failed(&j));

	/* A deviation that suddenly conforms is a failure too. */
	obs_errno(&o, EBADF);
	judge(&test_cat[0], &o, &x, &p, NULL, &j);
	ck_assert_int_eq(j.exp, EXP_DIFFER);
	ck_assert_int_eq(j.posix, POSIX_CONFORMS);
	ck_assert(judgement_failed(&j));
	judgement_message(&j, msg, sizeof msg);
	ck_assert_msg(strstr(msg, "t.errno: observed EBADF, expected EINVAL (") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, ".exp:1); POSIX requires EBADF (E1)") != NULL, "%s", msg);

	/* No line for a case: a failure, not a pass. */
	obs_ok(&o);
	judge(&test_cat[2], &o, &x, &p, NULL, &j);
	ck_assert_int_eq(j.exp, EXP_MISSING);
	ck_assert_int_eq(j.posix, POSIX_CONFORMS);
	ck_assert(judgement_failed(&j));

	/* A skip is a skip, whatever the file says. */
	obs_skip(&o, "no IPv6");
	judge(&test_cat[0], &o, &x, &p, NULL, &j);
	ck_assert_int_eq(j.exp, EXP_SKIP);
	ck_assert_int_eq(j.posix, POSIX_SKIPPED);

	/* Without a file: POSIX verdicts only. */
	obs_errno(&o, EBADF);
	judge(&test_cat[0], &o, NULL, &p, NULL, &j);
	ck_assert_int_eq(j.exp, EXP_NOFILE);
	ck_assert_int_eq(j.posix, POSIX_CONFORMS);
	expect_free(&x);
}
END_TEST

/* A case whose expectation refers to another ({t.depth}) is judged even
 * when that case has no number: by the other's expected value if it has
 * one, and an observation that is no number is wrong either way. */
START_TEST(test_dependent_verdicts)
{
	struct platform p = fake_platform(4096, "6.1.0");
	struct expectations x, xonly;
	struct judgement j;
	struct obs o[NTEST_CAT];
	struct obs_set set;
	char err[1024], msg[1024];
	const char *both = "t.depth min(5, somaxconn) + 1 # a\nt.limit {t.depth} - 1 # b\n";
	const char *only = "t.limit {t.depth} - 1 # b\n";

	ck_assert_int_eq(load_text(both, strlen(both), &x, &p, err, sizeof err), 0);
	ck_assert_int_eq(load_text(only, strlen(only), &xonly, &p, err, sizeof err), 0);
	memset(o, 0, sizeof o);
	set.base = test_cat;
	set.obs = o;
	set.n = NTEST_CAT;

	/* t.depth failed without a number; t.limit's own number is wrong. */
	obs_step_errno(&o[1], "listen", EINVAL);
	obs_int(&o[3], 7);
	judge(&test_cat[3], &o[3], &x, &p, &set, &j);
	ck_assert_int_eq(j.exp, EXP_DIFFER);
	ck_assert_str_eq(j.expected, "5");
	judgement_message(&j, msg, sizeof msg);
	ck_assert_msg(strstr(msg, "t.depth observed listen:EINVAL, so its expected 6 stands in") !=
		      NULL, "%s", msg);
	/* ... and right. */
	obs_int(&o[3], 5);
	judge(&test_cat[3], &o[3], &x, &p, &set, &j);
	ck_assert_int_eq(j.exp, EXP_MATCH);
	/* t.depth did not run at all: the same. */
	obs_clear(&o[1]);
	obs_int(&o[3], 4);
	judge(&test_cat[3], &o[3], &x, &p, &set, &j);
	ck_assert_int_eq(j.exp, EXP_DIFFER);
	/* A number observed where t.depth has no number and no line: it
	 * cannot be judged, and says why. */
	obs_step_errno(&o[1], "listen", EINVAL);
	obs_int(&o[3], 5);
	judge(&test_cat[3], &o[3], &xonly, &p, &set, &j);
	ck_assert_int_eq(j.exp, EXP_SKIP);
	ck_assert_msg(strstr(j.obs.note, "not judged: the expectation needs t.depth, which "
			     "observed listen:EINVAL") != NULL, "%s", j.obs.note);
	/* No number at all is wrong for a numeric line, judged or not. */
	obs_word(&o[3], "bad-return");
	judge(&test_cat[3], &o[3], &xonly, &p, &set, &j);
	ck_assert_int_eq(j.exp, EXP_DIFFER);
	ck_assert(judgement_failed(&j));
	judgement_message(&j, msg, sizeof msg);
	ck_assert_msg(strstr(msg, "observed bad-return, expected a number") != NULL, "%s", msg);
	expect_free(&x);
	expect_free(&xonly);
}
END_TEST

START_TEST(test_errno_names)
{
	char buf[32];
	ck_assert_str_eq(errno_name(EBADF, buf, sizeof buf), "EBADF");
	ck_assert_str_eq(errno_name(EOPNOTSUPP, buf, sizeof buf), "EOPNOTSUPP");
	ck_assert_str_eq(errno_name(EAGAIN, buf, sizeof buf), "EAGAIN");
	ck_assert_str_eq(errno_name(123456, buf, sizeof buf), "errno-123456");
	ck_assert_int_eq(errno_value("EINVAL"), EINVAL);
	ck_assert(errno_name_known("EDESTADDRREQ"));
	ck_assert(!errno_name_known("EFOO"));
}
END_TEST

START_TEST(test_real_catalogue_tokens)
{
	/* Every row's POSIX tokens are tokens the row can observe, and ids are
	 * unique. */
	size_t i, k, catalogue_size;
	const struct lc_case *catalogue = catalogue_all(&catalogue_size);
	for (i = 0; i < catalogue_size; i++) {
		const char *p = catalogue[i].posix;
		char tok[64];
		/* ck_assert only on a duplicate: each passing ck_assert marks a
		 * point through a pipe to Check's parent, and n*n/2 of them
		 * (about 57000 for 340 rows) outlast the timeout under gVisor. */
		for (k = i + 1; k < catalogue_size; k++)
			if (strcmp(catalogue[i].id, catalogue[k].id) == 0)
				ck_abort_msg("duplicate id %s", catalogue[i].id);
		ck_assert_msg(catalogue[i].assertion != NULL, "%s has no assertion", catalogue[i].id);
		if (catalogue[i].observer->numeric)
			continue; /* a relation, checked by the verdict tests */
		while (p != NULL && *p != '\0') {
			size_t n = strcspn(p, "|");
			snprintf(tok, sizeof tok, "%.*s", (int)n, p);
			ck_assert_msg(catalogue_token_valid(&catalogue[i], tok),
				      "%s: POSIX token %s is not a valid outcome", catalogue[i].id, tok);
			p += n + (p[n] == '|');
		}
	}
}
END_TEST

/* ---- the committed expectation files ---- */

/* Every results/NAME.exp the build ships, found in LISTEN_RESULTS_DIR (make
 * check points it at the source tree's results/). */
#define MAX_EXP_FILES 32
static char exp_files[MAX_EXP_FILES][512];
static int nexp_files;

static const char *results_dir(void)
{
	const char *d = getenv("LISTEN_RESULTS_DIR");
	return d != NULL && d[0] != '\0' ? d : "results";
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void find_exp_files(void)
{
	DIR *d = opendir(results_dir());
	struct dirent *e;
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && nexp_files < MAX_EXP_FILES) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".exp") == 0)
			snprintf(exp_files[nexp_files++], sizeof exp_files[0], "%s/%s", results_dir(),
				 e->d_name);
	}
	closedir(d);
	qsort(exp_files, (size_t)nexp_files, sizeof exp_files[0], by_name);
}

START_TEST(test_committed_files)
{
	/* Each file loads with no error against the real catalogue, has a
	 * line for every case, and every line's value evaluates at several
	 * somaxconn settings (a predicted record needs every expression to
	 * be computable from the stated facts). */
	static const long somaxconns[] = {16, 128, 4096, 65535};
	const char *path = exp_files[_i];
	size_t ncat, i, k;
	const struct lc_case *cat = catalogue_all(&ncat);
	struct platform p = fake_platform(128, "14.1-RELEASE");
	struct expectations x;
	char err[4096], tok[64];

	p.somaxconn_macro = 128;
	ck_assert_msg(expect_load(&x, path, cat, ncat, &p, err, sizeof err) == 0, "%s", err);
	for (i = 0; i < ncat; i++) {
		int found = 0;
		for (k = 0; k < x.n; k++)
			found |= x.v[k].c == &cat[i];
		ck_assert_msg(found, "%s has no line for %s", path, cat[i].id);
	}
	for (k = 0; k < x.n; k++) {
		for (i = 0; i < sizeof somaxconns / sizeof somaxconns[0]; i++) {
			p.somaxconn = somaxconns[i];
			ck_assert_msg(expect_token(&x.v[k], &p, NULL, tok, sizeof tok, err, sizeof err) == 0,
				      "%s:%d at somaxconn %ld: %s", path, x.v[k].line, somaxconns[i], err);
		}
	}
	expect_free(&x);
}
END_TEST

START_TEST(test_release_strings)
{
	/* uname -r as the BSDs and macOS print it: the leading numbers count,
	 * the rest (-RELEASE, -p5, _STABLE) is ignored. */
	static const struct {
		const char *release;
		int v[3];
	} r[] = {
		{"14.1-RELEASE", {14, 1, 0}}, {"14.1-RELEASE-p5", {14, 1, 0}},
		{"13.0-CURRENT", {13, 0, 0}}, {"10.4-STABLE", {10, 4, 0}},
		{"7.8", {7, 8, 0}}, {"10.0", {10, 0, 0}}, {"10.99.12", {10, 99, 12}},
		{"24.5.0", {24, 5, 0}}, {"6.18.44-fc-v1045", {6, 18, 44}},
	};
	struct platform p = fake_platform(128, r[_i].release);
	struct expectations x;
	const struct exp_entry *e;
	char err[1024];
	int v[3];
	const char *text = "t.errno [kernel < 13] EINVAL # old\n"
			   "t.errno [kernel >= 13, kernel < 14.1] EBADF # middle\n"
			   "t.errno [kernel >= 14.1] ENOTSOCK # new\n";

	platform_kernel_version(&p, v);
	ck_assert_msg(v[0] == r[_i].v[0] && v[1] == r[_i].v[1] && v[2] == r[_i].v[2],
		      "%s read as %d.%d.%d", r[_i].release, v[0], v[1], v[2]);
	ck_assert_msg(load_text(text, strlen(text), &x, &p, err, sizeof err) == 0, "%s", err);
	e = expect_find(&x, &test_cat[0], &p);
	ck_assert_ptr_nonnull(e);
	if (v[0] < 13)
		ck_assert_str_eq(e->value, "EINVAL");
	else if (v[0] == 13 || (v[0] == 14 && v[1] < 1))
		ck_assert_str_eq(e->value, "EBADF");
	else
		ck_assert_str_eq(e->value, "ENOTSOCK");
	expect_free(&x);
}
END_TEST

/* Parsing and checking a file of some 400 lines per platform is quick on
 * the host but takes seconds inside gVisor on a loaded machine: these tests
 * measure nothing about time, so Check's 4 s default would only make them
 * flaky there. */
#define EXPECT_TEST_TIMEOUT 60

static void add(Suite *s, const char *name, const TTest *t, int n)
{
	TCase *tc = tcase_create(name);
	tcase_set_timeout(tc, EXPECT_TEST_TIMEOUT);
	tcase_add_loop_test(tc, t, 0, n);
	suite_add_tcase(s, tc);
}

int main(void)
{
	/* Check keeps the pointer to a test case's name: names live here. */
	static char names[sizeof bad_files / sizeof bad_files[0]][100];
	Suite *s = suite_create("expectations");
	char why[200];
	size_t i;

	/* The tests' files go in a directory this process owns: a test that
	 * fails ends its forked child with _exit(), which would skip cleanup. */
	if (lc_tmpdir(why, sizeof why) == NULL) {
		printf("Bail out! %s\n", why);
		return 0;
	}
	for (i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
		TCase *tc;
		snprintf(names[i], sizeof names[i], "parser refuses: %s", bad_files[i].name);
		tc = tcase_create(names[i]);
		tcase_add_loop_test(tc, test_bad_file, (int)i, (int)i + 1);
		suite_add_tcase(s, tc);
	}
	add(s, "parser refuses: missing file", test_missing_file, 1);
	add(s, "parser refuses: a directory", test_directory, 1);
	add(s, "parser reports every bad line", test_all_errors_reported, 1);
	add(s, "parser reads a good file", test_good_file, 1);
	add(s, "expressions evaluate", test_expr, (int)(sizeof exprs / sizeof exprs[0]));
	add(s, "expressions refuse unknown facts", test_expr_unknown_fact, 1);
	add(s, "a fact with no known value is named", test_missing_fact, 1);
	add(s, "verdicts", test_verdicts, 1);
	add(s, "dependent cases are judged", test_dependent_verdicts, 1);
	add(s, "errno names", test_errno_names, 1);
	add(s, "catalogue rows are consistent", test_real_catalogue_tokens, 1);
	add(s, "kernel release strings of the BSDs and macOS", test_release_strings, 9);
	find_exp_files();
	if (nexp_files == 0) {
		printf("Bail out! no results/*.exp in %s\n", results_dir());
		return 1;
	}
	{
		static char exp_names[MAX_EXP_FILES][600];
		for (i = 0; i < (size_t)nexp_files; i++) {
			TCase *tc;
			const char *base = strrchr(exp_files[i], '/');
			snprintf(exp_names[i], sizeof exp_names[i], "committed file %s loads and covers "
				 "every case", base != NULL ? base + 1 : exp_files[i]);
			tc = tcase_create(exp_names[i]);
			tcase_set_timeout(tc, EXPECT_TEST_TIMEOUT);
			tcase_add_loop_test(tc, test_committed_files, (int)i, (int)i + 1);
			suite_add_tcase(s, tc);
		}
	}
	return harness_run_tap(s, "expectations");
}
