/* expr.h: integer expressions in expectation files.
 *
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/" | "%") unary)*
 *   unary   := "-" unary | primary
 *   primary := NUMBER | NAME | "{" CASE-ID "}" | NAME "(" expr ("," expr)* ")"
 *            | "(" expr ")"
 *
 * Functions: min(a, b, ...), max(a, b, ...), unsigned(a) (a read as a 32-bit
 * unsigned int: unsigned(-1) is 4294967295).  Names are run-time facts
 * (somaxconn, SOMAXCONN, nofile, INT_MAX, ...) and {case-id}, the integer
 * another case observed; both are looked up through a callback, which
 * receives {case-id} with its braces.
 * Values are 64-bit; overflow and division by zero are errors. */
#ifndef LC_EXPR_H
#define LC_EXPR_H

#include <stddef.h>

typedef int (*expr_lookup_fn)(void *ctx, const char *name, long long *value);

/* Returns 0 and sets *value, or -1 with a message in err. */
int expr_eval(const char *text, expr_lookup_fn lookup, void *ctx, long long *value,
	      char *err, size_t errlen);

#endif
