/* halfopen.h: holding TCP handshakes half-open and counting them.
 *
 * The listener drops every pure ACK (sysdep_drop_pure_acks), so a client's
 * SYN is answered with a SYN-ACK, the client believes it is connected
 * (ESTABLISHED), and the server keeps a request socket (SYN_RECV) that never
 * completes.  Clients connect one at a time until a SYN is not answered.
 * Every step is confirmed by a count, never by a wait: a connect completes
 * (poll), or the namespace's TcpExt ListenDrops counter grows by one (the
 * SYN was dropped: net/ipv4/tcp_input.c tcp_conn_request, label drop:
 * tcp_listendrop), or a SyncookiesSent grows (answered by a cookie, no
 * state kept).  The server's own view is the number of SYN_RECV entries of
 * the listener's port in /proc/net/tcp[6]; it must agree with the clients'.
 *
 * Linux only in practice (the filter and the counters are Linux's); where
 * either is missing the caller gets -1 with a skip reason. */
#ifndef LC_HALFOPEN_H
#define LC_HALFOPEN_H

#include "obs.h"
#include "probe.h"

struct halfopen_fill {
	long completed;     /* clients whose connect() completed */
	long cookies;       /* of those, answered by a syncookie (SyncookiesSent) */
	long refused;       /* SYNs the kernel counted as dropped (0 or 1) */
	long server_synrecv; /* SYN_RECV entries of the listener's port */
	long accept_waiting; /* completed connections in the accept queue */
	long long drops, reqq_full, overflows; /* TcpExt deltas over the fill */
	int *fd;            /* the clients, open until halfopen_release() */
	long n, cap;
};

/* Connects clients to t (its listener already listening, the filter
 * already attached) until one SYN is dropped, `after_cookies` clients
 * were answered by cookies (0: stop at the first cookie too), or `max`
 * clients completed.  Then reads the server's view.  Returns 0, or -1
 * with o set (skip, STEP:ERRNO, or error with a note). */
int halfopen_run(const struct probe_target *t, long max, long after_cookies,
		 struct halfopen_fill *f, struct obs *o);

/* Closes every client (a reset each, which also frees its request socket). */
void halfopen_release(struct halfopen_fill *f);

/* The server-side count and the clients' must agree.  held: the filter
 * was attached, so every completed client must be a SYN_RECV entry or a
 * cookie, and the accept queue must still hold only the `before`
 * connections it held before the fill; !held: every completed client must
 * be in the accept queue (before + completed), none SYN_RECV.  0 when they
 * agree; else -1 with o set to error and a note saying what disagreed. */
int halfopen_agree(const struct halfopen_fill *f, long before, int held, struct obs *o);

#endif
