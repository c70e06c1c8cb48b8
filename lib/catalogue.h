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
	/* For tokens with a grammar of their own: non-zero when valid. */
	int (*valid)(const char *token);
};

/* What a case needs from the machine; missing means a visible skip. */
enum lc_need {
	NEED_IPV6 = 1 << 0,  /* IPv6 loopback */
	NEED_NETNS = 1 << 1, /* a private network namespace, created per case */
};

struct lc_case {
	const char *id;
	const char *assertion; /* A1..A11, E1..E8 (shared/reference numbering) */
	/* What POSIX requires, where it is definite; NULL: implementation-
	 * defined.  Either tokens that conform, '|'-separated ("EBADF",
	 * "ok|EINVAL"), or for numeric cases a relation to the observed value:
	 * "OP EXPR" (">= 1", "== {depth.tcp4.0}") or "monotonic" (no smaller
	 * non-negative backlog of the same kind gives a larger depth). */
	const char *posix;
	situation_fn situation;
	const struct observer *observer;
	int family;   /* AF_INET, AF_INET6, AF_UNIX, or 0 */
	int type;     /* SOCK_STREAM, ... */
	int protocol;
	int variant;  /* a situation-specific switch, see situations.c */
	unsigned needs;
	/* The backlog a depth or limit case passes to listen(), as an
	 * expression over run-time facts ("5", "somaxconn+1", "INT_MIN"). */
	const char *backlog;
	const char *kind; /* tcp4, tcp6, unix-stream, unix-seqpacket (or NULL) */
};

/* Every case, in a fixed order: the rows of catalogue.c, then the rows
 * generated from its tables of socket kinds and backlog labels. */
const struct lc_case *catalogue_all(size_t *n);

/* The area a case belongs to, as make check's test programs group them:
 * "errors" (errno.*, accepting.*) or "depth" (depth.*, limit.*,
 * relisten.*). */
const char *catalogue_area(const struct lc_case *c);

/* The length of the longest case id: the width of id columns in tables. */
int catalogue_id_width(void);

/* The row with this id, or NULL. */
const struct lc_case *catalogue_find(const char *id);

/* Is token something this case's observer can produce (ignoring skip)? */
int catalogue_token_valid(const struct lc_case *c, const char *token);

/* Runs one case: checks its needs, builds the scene (in a private network
 * namespace when the row needs one), observes, cleans up.  Always sets o. */
void catalogue_run(const struct lc_case *c, struct obs *o);

struct platform;

/* The case's backlog: its label evaluated with the facts of p (NULL: this
 * system now).  Returns 0, or -1 with o set. */
int catalogue_backlog(const struct lc_case *c, const struct platform *p, int *backlog,
		      struct obs *o);

/* The observations of one run, by catalogue index (catalogue_all()); a case
 * that did not run has an empty token. */
struct obs_set {
	const struct lc_case *base;
	const struct obs *obs;
	size_t n;
};

/* The observation of case id in the set, or NULL. */
const struct obs *obs_set_find(const struct obs_set *set, const char *id,
			       const struct lc_case **c);

/* A rough cost of running the case (connections it makes), for ordering
 * parallel work so that the longest cases start first. */
long catalogue_cost(const struct lc_case *c, long somaxconn);

/* Observers (observers.c). */
extern const struct observer observe_listen;        /* listen(fd, 5): ok / ERRNO */
extern const struct observer observe_listen_port;   /* ... and a port was assigned */
extern const struct observer observe_acceptconn;    /* SO_ACCEPTCONN 0 -> 1 */
extern const struct observer observe_depth;         /* listen(backlog), count the queue */
extern const struct observer observe_limit;         /* the kernel's clamped backlog */
extern const struct observer observe_relisten;      /* listen twice, count the queue */
extern const struct observer observe_shrink_pending;/* shrink with connections queued */

/* The queues area (queues.c): half-open capacity, syncookies, combined. */
extern const struct observer observe_synq;       /* handshakes held half-open */
extern const struct observer observe_syncookies; /* HELD,answered|dropped|mixed */
extern const struct observer observe_combined;   /* separate|sum|shared,A,H */
int sit_halfopen(const struct lc_case *c, struct scene *s, struct obs *o);

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
/* Variants of observe_relisten. */
enum { RELISTEN_GROW, RELISTEN_SHRINK };

#endif
