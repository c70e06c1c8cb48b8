/* expr.c: a recursive-descent evaluator for expectation expressions. */
#define _POSIX_C_SOURCE 200809L
#include "expr.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Values beyond this magnitude are refused, which keeps every operation
 * below free of signed overflow. */
#define EXPR_LIMIT (1LL << 60)
#define EXPR_DEPTH 64

struct parser {
	const char *p;
	expr_lookup_fn lookup;
	void *ctx;
	char *err;
	size_t errlen;
	int failed;
	int depth;
};

static long long fail(struct parser *ps, const char *msg, const char *arg)
{
	if (!ps->failed)
		snprintf(ps->err, ps->errlen, "%s%s%s", msg, arg ? " " : "", arg ? arg : "");
	ps->failed = 1;
	return 0;
}

static void skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static long long check_range(struct parser *ps, long long v)
{
	if (v > EXPR_LIMIT || v < -EXPR_LIMIT)
		return fail(ps, "value out of range", NULL);
	return v;
}

static long long parse_expr(struct parser *ps);

static long long call(struct parser *ps, const char *name)
{
	int is_min = strcmp(name, "min") == 0, is_unsigned = strcmp(name, "unsigned") == 0;
	long long acc;
	int n = 0;

	if (!is_min && !is_unsigned && strcmp(name, "max") != 0)
		return fail(ps, "unknown function", name);
	ps->p++; /* '(' */
	acc = 0;
	for (;;) {
		long long v = parse_expr(ps);
		if (ps->failed)
			return 0;
		acc = n == 0 ? v : (is_min ? (v < acc ? v : acc) : (v > acc ? v : acc));
		n++;
		skip_space(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == ')') {
			ps->p++;
			break;
		}
		return fail(ps, "expected ',' or ')' in call to", name);
	}
	if (is_unsigned) {
		/* The value an int has when read as a 32-bit unsigned. */
		if (n != 1)
			return fail(ps, "takes one argument:", name);
		return ((acc % 4294967296LL) + 4294967296LL) % 4294967296LL;
	}
	if (n < 2)
		return fail(ps, "needs at least two arguments:", name);
	return acc;
}

static long long parse_primary(struct parser *ps)
{
	char name[64];
	size_t n = 0;

	skip_space(ps);
	if (*ps->p == '(') {
		long long v;
		ps->p++;
		v = parse_expr(ps);
		skip_space(ps);
		if (*ps->p != ')')
			return fail(ps, "missing ')'", NULL);
		ps->p++;
		return v;
	}
	if (isdigit((unsigned char)*ps->p)) {
		long long v = 0;
		while (isdigit((unsigned char)*ps->p)) {
			int digit = *ps->p - '0';
			if (v > (EXPR_LIMIT - digit) / 10)
				return fail(ps, "number too large", NULL);
			v = v * 10 + digit;
			ps->p++;
		}
		if (isalpha((unsigned char)*ps->p) || *ps->p == '_')
			return fail(ps, "bad number", NULL);
		return v;
	}
	if (isalpha((unsigned char)*ps->p) || *ps->p == '_') {
		long long v;
		while (isalnum((unsigned char)*ps->p) || *ps->p == '_') {
			if (n + 1 >= sizeof name)
				return fail(ps, "name too long", NULL);
			name[n++] = *ps->p++;
		}
		name[n] = '\0';
		skip_space(ps);
		if (*ps->p == '(')
			return call(ps, name);
		if (ps->lookup == NULL || ps->lookup(ps->ctx, name, &v) != 0)
			return fail(ps, "unknown name", name);
		return check_range(ps, v);
	}
	if (*ps->p == '{') {
		/* {case-id}: the integer another case observed. */
		long long v;
		name[n++] = *ps->p++;
		while (*ps->p != '}' && *ps->p != '\0') {
			if (n + 2 >= sizeof name)
				return fail(ps, "name too long", NULL);
			name[n++] = *ps->p++;
		}
		if (*ps->p != '}')
			return fail(ps, "missing '}'", NULL);
		name[n++] = *ps->p++;
		name[n] = '\0';
		if (ps->lookup == NULL || ps->lookup(ps->ctx, name, &v) != 0)
			return fail(ps, "unknown name", name);
		return check_range(ps, v);
	}
	if (*ps->p == '\0')
		return fail(ps, "expression ends too early", NULL);
	{
		char c[2] = {*ps->p, '\0'};
		return fail(ps, "unexpected character", c);
	}
}

static long long parse_unary(struct parser *ps)
{
	skip_space(ps);
	if (*ps->p == '-') {
		long long v;
		ps->p++;
		if (++ps->depth > EXPR_DEPTH)
			return fail(ps, "expression nested too deeply", NULL);
		v = -parse_unary(ps);
		ps->depth--;
		return v;
	}
	return parse_primary(ps);
}

static long long parse_term(struct parser *ps)
{
	long long a = parse_unary(ps);
	for (;;) {
		long long b;
		char op;
		skip_space(ps);
		op = *ps->p;
		if (ps->failed || (op != '*' && op != '/' && op != '%'))
			return a;
		ps->p++;
		b = parse_unary(ps);
		if (ps->failed)
			return 0;
		if (op == '*') {
			if (a != 0 && (b > EXPR_LIMIT / (a < 0 ? -a : a) ||
				       b < -EXPR_LIMIT / (a < 0 ? -a : a)))
				return fail(ps, "value out of range", NULL);
			a *= b;
		} else if (b == 0) {
			return fail(ps, "division by zero", NULL);
		} else {
			a = op == '/' ? a / b : a % b;
		}
	}
}

static long long parse_expr(struct parser *ps)
{
	long long a;
	if (++ps->depth > EXPR_DEPTH)
		return fail(ps, "expression nested too deeply", NULL);
	a = parse_term(ps);
	for (;;) {
		long long b;
		char op;
		skip_space(ps);
		op = *ps->p;
		if (ps->failed || (op != '+' && op != '-'))
			break;
		ps->p++;
		b = parse_term(ps);
		if (ps->failed)
			break;
		a = check_range(ps, op == '+' ? a + b : a - b);
	}
	ps->depth--;
	return a;
}

int expr_eval(const char *text, expr_lookup_fn lookup, void *ctx, long long *value,
	      char *err, size_t errlen)
{
	struct parser ps;
	long long v;

	memset(&ps, 0, sizeof ps);
	ps.p = text;
	ps.lookup = lookup;
	ps.ctx = ctx;
	ps.err = err;
	ps.errlen = errlen;
	v = parse_expr(&ps);
	skip_space(&ps);
	if (!ps.failed && *ps.p != '\0') {
		char c[2] = {*ps.p, '\0'};
		fail(&ps, "unexpected character", c);
	}
	if (ps.failed)
		return -1;
	*value = v;
	return 0;
}
