/* catalogue.h: the test cases, as data.
 *
 * A case is one row: a stable id, the situation it sets up (a function from
 * situations.c with the row's parameters), the observer that produces the
 * token (observers.c), and the POSIX assertion it belongs to with the tokens
 * POSIX allows where the standard is definite.  To add a case, add a row to
 * catalogue.c (and its expectation to every results/<platform>.exp). */
#ifndef LC_CATALOGUE_H
#define LC_CATALOGUE_H

#include <stddef.h>

#include "obs.h"
#include "scene.h"

struct lc_case;

/* Builds the socket state of a case; scene.fd is the descriptor to observe.
 * Returns 0, or -1 with o set (STEP:ERRNO, or skip with a reason). */
typedef int (*situation_fn)(const struct lc_case *c, struct scene *s, struct obs *o);

struct observer {
	const char *name;
	void (*observe)(const struct lc_case *c, struct scene *s, struct obs *o);
	/* Outcome words of this observer besides ok, ERRNO and STEP:ERRNO,
	 * NULL-terminated; what an expectation may name. */
	const char *const *words;
	int numeric; /* the token is an integer (an expression in .exp files) */
};

/* What a case needs from the machine; missing means a visible skip. */
enum lc_need {
	NEED_IPV6 = 1 << 0,  /* IPv6 loopback */
	NEED_NETNS = 1 << 1, /* a private network namespace, created per case */
};

struct lc_case {
	const char *id;
	const char *assertion; /* A1..A11, E1..E8 (shared/reference numbering) */
	/* Tokens that conform, '|'-separated; NULL: implementation-defined. */
	const char *posix;
	situation_fn situation;
	const struct observer *observer;
	int family;   /* AF_INET, AF_INET6, AF_UNIX, or 0 */
	int type;     /* SOCK_STREAM, ... */
	int protocol;
	int variant;  /* a situation-specific switch, see situations.c */
	unsigned needs;
};

extern const struct lc_case catalogue[];
extern const size_t catalogue_size;

/* The row with this id, or NULL. */
const struct lc_case *catalogue_find(const char *id);

/* Is token something this case's observer can produce (ignoring skip)? */
int catalogue_token_valid(const struct lc_case *c, const char *token);

/* Runs one case: checks its needs, builds the scene (in a private network
 * namespace when the row needs one), observes, cleans up.  Always sets o. */
void catalogue_run(const struct lc_case *c, struct obs *o);

/* Observers (observers.c). */
extern const struct observer observe_listen;        /* listen(fd, 5): ok / ERRNO */
extern const struct observer observe_listen_port;   /* ... and a port was assigned */
extern const struct observer observe_acceptconn;    /* SO_ACCEPTCONN 0 -> 1 */

/* The backlog the error-case observers pass to listen(). */
#define LC_ERRNO_BACKLOG 5

/* Situations (situations.c). */
int sit_bad_fd(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_not_socket(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_fresh_socket(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_bound(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_socketpair(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_connected(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_connecting(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_reuseaddr_twin(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_shutdown(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_ports_exhausted(const struct lc_case *c, struct scene *s, struct obs *o);

/* Variants of sit_bad_fd. */
enum { BADFD_NEGATIVE, BADFD_CLOSED, BADFD_BEYOND_LIMIT };
/* Variants of sit_not_socket. */
enum { FILE_REGULAR, FILE_PIPE, FILE_CHARDEV, FILE_DIRECTORY };
/* Variants of sit_connected: which end is observed. */
enum { END_CLIENT, END_ACCEPTED, END_BOUND_CLIENT };

#endif
