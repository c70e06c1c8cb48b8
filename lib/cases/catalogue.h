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
	NEED_KIND = 1 << 2,  /* the row's socket kind exists here (protocols.c) */
};

/* A socket kind of the generated rows (catalogue.c kinds[]): every kind
 * takes part in every area where it applies. */
struct lc_kind {
	const char *name; /* tcp4, mptcp6, sctp4-stream, vsock, ... */
	int family, type;
	unsigned needs;
	int has_limit;    /* does any OS read this kind's backlog back? */
	int protocol;     /* socket()'s third argument */
	unsigned flags;   /* KIND_* */
};

enum {
	/* Connections come by a handshake over a network protocol (TCP-like):
	 * the probe closes them with a reset and may meet silent refusals. */
	KIND_HANDSHAKE = 1 << 0,
	/* The errno.* and accepting.* rows of this kind are generated (the
	 * first four kinds have rows of their own in catalogue.c). */
	KIND_ERRNO_ROWS = 1 << 1,
	/* One-to-many SCTP: listen() lets the endpoint take associations, but
	 * there is no accept queue (accept() fails), so depth is not counted. */
	KIND_NO_ACCEPT_QUEUE = 1 << 2,
	/* MPTCP: accepted connections are checked for a fallback to TCP. */
	KIND_MPTCP = 1 << 3,
	/* listen() on an unbound socket binds the wildcard address: such a
	 * case runs only in a private network namespace. */
	KIND_AUTOBIND = 1 << 4,
	/* overflow.*: every kind has nonblocking, blocking and retry unless
	 * it has no accept queue to fill (KIND_NO_ACCEPT_QUEUE); the
	 * abort-on-overflow pair (net.ipv4.tcp_abort_on_overflow, a Linux TCP
	 * setting) only with KIND_TCP_ABORT. */
	KIND_TCP_ABORT = 1 << 5,
};

/* Every socket kind, in the order of the generated rows. */
const struct lc_kind *catalogue_kinds(size_t *n);

/* The kind of a generated row (by its .kind name), or NULL. */
const struct lc_kind *catalogue_kind_of(const struct lc_case *c);

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
	const char *kind; /* a kinds[] name: tcp4, tcp6, unix-stream, ... (or NULL) */
};

/* Every case, in a fixed order: the rows of catalogue.c, then the rows
 * generated from its tables of socket kinds and backlog labels. */
const struct lc_case *catalogue_all(size_t *n);

/* The area a case belongs to, as make check's test programs group them:
 * "errors" (errno.*, accepting.*), "depth" (depth.*, limit.*,
 * relisten.*), "lifecycle" (lifecycle.*) or "overflow" (overflow.*). */
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

/* Roughly how long the case spends waiting rather than working (ms): a
 * timeout that must expire, a retransmission to await (the overflow.*
 * cases).  batch.c gives such cases workers beyond one per CPU. */
long catalogue_wait_ms(const struct lc_case *c);

/* Observers (observers.c). */
extern const struct observer observe_listen;        /* listen(fd, 5): ok / ERRNO */
extern const struct observer observe_listen_port;   /* ... and a port was assigned */
extern const struct observer observe_acceptconn;    /* SO_ACCEPTCONN 0 -> 1 */
extern const struct observer observe_depth;         /* listen(backlog), count the queue */
extern const struct observer observe_limit;         /* the kernel's clamped backlog */
extern const struct observer observe_relisten;      /* listen twice, count the queue */
extern const struct observer observe_shrink_pending;/* shrink with connections queued */
extern const struct observer observe_no_fallback;   /* an accepted MPTCP connection is MPTCP */
extern const struct observer observe_accept_call;   /* accept() on a listener with a client */
extern const struct observer observe_associations;  /* one-to-many: associations past the backlog */
extern const struct observer observe_one_to_many;   /* depth rows of a kind without an accept queue */
extern const struct observer observe_one_to_many_word; /* ... its shrink-pending row */

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

/* ---- the listener's life (lifecycle.c): lifecycle.* ---- */
extern const struct observer observe_life_shutdown;         /* shutdown(how) on a listener */
extern const struct observer observe_life_close_pending;    /* close() with clients waiting */
/* How long a lifecycle case waits rather than works (ms): close-pending
 * waits for a held client's SYN retransmission; 0 for any other case. */
long lifecycle_wait_ms(const struct lc_case *c);
extern const struct observer observe_life_bind;             /* bind() on a listener */
extern const struct observer observe_life_connect;          /* connect() on a listener */
extern const struct observer observe_life_acceptconn_accepted; /* SO_ACCEPTCONN, accepted socket */
extern const struct observer observe_life_acceptconn_set;   /* setsockopt(SO_ACCEPTCONN) */
extern const struct observer observe_life_connected_twice;  /* listen() twice, connected socket */
extern const struct observer observe_life_after_refused;    /* listen() after a refused connect */
extern const struct observer observe_life_somaxconn_lowered;/* somaxconn lowered after listen */
extern const struct observer observe_life_dual_stack;       /* IPv4-mapped and IPv6 clients */
extern const struct observer observe_life_abstract;         /* an abstract AF_UNIX name */
extern const struct observer observe_life_reuseport;        /* two SO_REUSEPORT listeners */
int sit_dual_stack(const struct lc_case *c, struct scene *s, struct obs *o);
int sit_abstract(const struct lc_case *c, struct scene *s, struct obs *o);
/* Variants of observe_life_shutdown: the how of shutdown(). */
enum { LIFE_SHUT_RD, LIFE_SHUT_WR, LIFE_SHUT_RDWR };

#endif
