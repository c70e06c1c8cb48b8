/* expr.h: integer expressions in expectation files.
 *
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/" | "%") unary)*
 *   unary   := "-" unary | primary
 *   primary := NUMBER | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"
 *
 * Functions: min(a, b, ...), max(a, b, ...).  Names are run-time facts
 * (somaxconn, SOMAXCONN, nofile, INT_MAX, ...) looked up through a callback.
 * Values are 64-bit; overflow and division by zero are errors. */
#ifndef LC_EXPR_H
#define LC_EXPR_H

#include <stddef.h>

typedef int (*expr_lookup_fn)(void *ctx, const char *name, long long *value);

/* Returns 0 and sets *value, or -1 with a message in err. */
int expr_eval(const char *text, expr_lookup_fn lookup, void *ctx, long long *value,
	      char *err, size_t errlen);

#endif
