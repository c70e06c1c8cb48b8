/* expect.h: per-platform expectation files (results/<platform>.exp).
 *
 * Format, one expectation per line:
 *
 *   CASE-ID  [CONDITION, ...]  VALUE  # citation
 *
 * CASE-ID names a catalogue row.  The optional conditions limit the line to
 * kernel releases: "kernel >= 5.4", "kernel < 5.11" (operators < <= > >= ==
 * !=).  VALUE is the token the case must observe: ok, an errno name,
 * STEP:ERRNO, one of the case's own outcome words, or for numeric cases an
 * integer expression (see expr.h).  The citation after '#' is required: the
 * source file and function, man page, or measured run that says why.  Blank
 * lines and lines starting with '#' are ignored.
 *
 * Every problem (syntax, unknown id, unknown errno name, duplicate, missing
 * citation, bad expression) is an error naming FILE:LINE. */
#ifndef LC_EXPECT_H
#define LC_EXPECT_H

#include <stddef.h>
#include <stdio.h>

#include "catalogue.h"
#include "platform.h"

#define EXP_MAX_CONDS 4
#define EXP_LINE_MAX 1024

struct exp_cond {
	int op; /* '<', 'l' (<=), '>', 'g' (>=), '=', '!' */
	int version[3];
};

struct exp_entry {
	const struct lc_case *c;
	char value[128];
	char cite[512];
	int line;
	int ncond;
	struct exp_cond cond[EXP_MAX_CONDS];
};

struct expectations {
	char path[512];
	struct exp_entry *v;
	size_t n, cap;
};

/* Reads and checks a file against a catalogue (cat, ncat) and this
 * platform's facts.  Returns 0, or the number of errors, each written to err
 * as "FILE:LINE: problem" (one per line, the first few only). */
int expect_load(struct expectations *x, const char *path, const struct lc_case *cat,
		size_t ncat, const struct platform *p, char *err, size_t errlen);

/* The same from an open stream; name stands for the file in messages. */
int expect_load_stream(struct expectations *x, const char *name, FILE *f,
		       const struct lc_case *cat, size_t ncat, const struct platform *p,
		       char *err, size_t errlen);

void expect_free(struct expectations *x);

/* The entry for case c that applies on this platform; NULL when none. */
const struct exp_entry *expect_find(const struct expectations *x, const struct lc_case *c,
				    const struct platform *p);

/* Evaluates an expression over run-time facts and the observations in set
 * ({case-id} references).  Returns 0; -1 with the problem in err; -2 when
 * a referenced case has no integer observation in set (err names it); or -3
 * when a fact it needs (somaxconn, SOMAXCONN, nofile) has no known value
 * (err names the fact). */
int expect_eval(const char *text, const struct platform *p, const struct obs_set *set,
		long long *v, char *err, size_t errlen);

/* The token an entry stands for here (an expression evaluated).  Returns as
 * expect_eval(). */
int expect_token(const struct exp_entry *e, const struct platform *p,
		 const struct obs_set *set, char *token, size_t len, char *err, size_t errlen);

/* The same, judging what can be judged: a {case-id} whose case has no
 * number in set (it failed, skipped or did not run) is given the value that
 * case's own entry in x stands for, and standin (may be NULL) says which
 * ("depth.tcp4.5 observed listen:EINVAL, so its expected 6 stands in"). */
int expect_token_standin(const struct exp_entry *e, const struct expectations *x,
			 const struct platform *p, const struct obs_set *set, char *token,
			 size_t len, char *err, size_t errlen, char *standin, size_t slen);

/* Tells where the program runs from (its argv[0]): a program of the build
 * tree reads the source tree's results/ (see expect_default_dir). */
void expect_set_program(const char *argv0);

/* The directory <platform>.exp is looked for in: LISTEN_RESULTS_DIR if set;
 * else the source tree's results/ when the program runs from the build tree
 * (expect_set_program) or when the installed directory does not exist; else
 * the installed directory. */
const char *expect_default_dir(void);

/* Which file applies: LISTEN_EXPECT if set, else RESULTS_DIR/<platform>.exp,
 * where RESULTS_DIR is expect_default_dir().  Returns
 * 1 with the path; 0 when the platform has no file (POSIX verdicts only);
 * -1 with err set when a file was asked for by name and is missing. */
int expect_locate(const struct platform *p, const char *explicit_path, char *path,
		  size_t len, char *err, size_t errlen);

#endif
