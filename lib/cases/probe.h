/* probe.h: measuring how many connections wait for accept().
 *
 * The probe connects clients one at a time, accepting none, until the
 * listener refuses one; then it accepts everything and counts.  The depth
 * is what accept() hands out, never a number the kernel reports.  A refusal
 * is confirmed by an immediate error (AF_UNIX: EAGAIN, ECONNREFUSED), by the
 * kernel's own count showing the queue full (Linux TCP_INFO; that client is
 * closed at once, so a retried SYN cannot get in later), by a reset after
 * the handshake (FreeBSD), or otherwise by a brief wait (longer when the
 * run's handshakes are slow): a connect that is merely slow must not pass
 * for a refused one, so such a client is given the wait once more before
 * the drain, and if it connected after all (or turns up among the accepted
 * ones) the run is void and repeats with a longer wait.  After such a
 * silent refusal one connection is accepted and one more must get in: a
 * queue that took more than its limit (handshakes completed
 * asynchronously, as in gVisor) voids the run too.
 *
 * When this process runs out of descriptors, helper processes (each with
 * its own RLIMIT_NOFILE) hold further clients; beyond 8192 TCP/IPv4 clients
 * the source address moves on to 127.0.0.2, 127.0.0.3, ... so ephemeral
 * ports never run out. */
#ifndef LC_PROBE_H
#define LC_PROBE_H

#include <sys/socket.h>

#include "obs.h"

struct probe_target {
	int listener;
	int family, type;
	int protocol; /* socket()'s third argument for the clients (MPTCP, SCTP) */
	struct sockaddr_storage addr;
	socklen_t addrlen;
};

/* Fills every field of *t (the rest zero): the one way to make a target, so
 * that a field added later is never left uninitialised. */
void probe_target_set(struct probe_target *t, int listener, int family, int type,
		      int protocol, const struct sockaddr_storage *addr, socklen_t addrlen);

/* Closes a client as the probe does: TCP with a reset (SO_LINGER 0), so no
 * TIME_WAIT state is left behind. */
void probe_close_reset(int fd, int tcp);

enum refusal {
	REFUSED_NONE,   /* not refused (a count was asked for and reached) */
	REFUSED_ERROR,  /* connect() failed at once */
	REFUSED_FULL,   /* the kernel's count showed the queue full */
	REFUSED_SILENT, /* no answer within the confirmation wait */
	REFUSED_RESET,  /* a completed connection was reset afterwards */
};

struct probe_result {
	long depth;     /* connections accept() handed out */
	long connected; /* connects that completed */
	enum refusal how;
	int helpers;    /* helper processes used */
	int retries;    /* runs voided by a slow connect */
};

/* Fills the queue until it refuses, then drains and counts it.  Returns 0,
 * or -1 with o set (skip with the reason, or STEP:ERRNO).  Everything it
 * opened is closed when it returns. */
int probe_depth(const struct probe_target *t, struct probe_result *r, struct obs *o);

/* The shrink-with-pending-connections experiment: with n clients queued on
 * a listener, calls listen(t->listener, new_backlog), tries one more client,
 * then drains.  Writes listen()'s result ("ok" or the errno name), how many
 * of the n queued connections accept() still returns, and whether the extra
 * client got in.  Returns 0, or -1 with o set. */
int probe_shrink_pending(const struct probe_target *t, long n, int new_backlog,
			 char *listen_result, size_t len, long *kept, int *admitted,
			 struct obs *o);

/* A queue filled until it refuses a client (with probe_depth's rules for
 * confirming the refusal) and kept full: the clients stay connected and
 * nothing is accepted.  Writes how many connected, how the refusal was
 * confirmed and the wait this stack needs to call a connect unanswered.
 * Returns 0, or -1 with o set.  probe_full_close() closes every client
 * (the caller accepts and closes what the listener holds). */
struct probe_full;
int probe_fill_full(const struct probe_target *t, struct probe_full **full, long *queued,
		    enum refusal *how, int *wait_ms, struct obs *o);
void probe_full_close(struct probe_full *full);

/* One-line description of how a refusal was confirmed. */
const char *probe_refusal_text(enum refusal how);

#endif
