/* overflow.c: what a client gets from a full queue (see overflow.h).
 *
 * Each case fills the queue of a listen(fd, 1) the way the depth probe
 * does (it stops at the first refusal the probe can confirm), keeps it
 * full, and then looks at one more client, the "extra" one.  Nothing here
 * sleeps for a fixed time: where the kernel counts a drop (Linux
 * SO_MEMINFO on the listener, TcpExt counters of the suite's own
 * namespace) the count confirms it; where a platform offers nothing else,
 * one bounded wait per case, as long as the probe's confirmation wait for
 * this stack. */
#define _POSIX_C_SOURCE 200809L
#include "overflow.h"

/* Linux's number (include/uapi/linux/in.h); not in every libc's headers. */
#ifdef IPPROTO_MPTCP
#define LC_IPPROTO_MPTCP IPPROTO_MPTCP
#else
#define LC_IPPROTO_MPTCP 262
#endif
#include "errnames.h"
#include "probe.h"
#include "sockutil.h"
#include "sysdep.h"
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* The backlog every queue-refusal case listens with. */
#define OVF_BACKLOG 1
/* The bound a blocking connect() is given (SO_SNDTIMEO), and the timer
 * that interrupts it where a stack ignores SO_SNDTIMEO for connect()
 * (gVisor does). */
#define SNDTIMEO_MS 200
#define BACKSTOP_MS 800
/* How long the kernel's drop count or an answer may take to show. */
#define COUNT_WAIT_MS 2000
/* The bound on a refused TCP client's own retry: Linux retransmits a SYN
 * first after 1 s (TCP_TIMEOUT_INIT), gVisor likewise (InitialRTO). */
#define RETRY_WAIT_MS 5000
/* After the kernel counted a final ACK on a full queue: the bound on the
 * reset tcp_abort_on_overflow sends (it is sent in the same softirq). */
#define RESET_WAIT_MS 300
/* The abort case's backlog: big enough that the half-open client and one
 * filler's handshake never fill the SYN queue, which the same backlog
 * bounds (inet_csk_reqsk_queue_is_full), so no syncookie is involved. */
#define ABORT_BACKLOG 4

static int same_local(int fd, const struct sockaddr_storage *peer)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof a;
	memset(&a, 0, sizeof a);
	if (net_getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		return 0;
	return a.ss_family == peer->ss_family && a.ss_family != AF_UNIX &&
	       sockaddr_port(&a) == sockaddr_port(peer);
}

/* Accepts what the listener holds now (non-blocking), closes it; returns
 * how many, and sets *found when one of them is client fd (-1: none). */
static long drain_now(int listener, int tcp, int fd, int *found)
{
	int flags = net_getfl(listener);
	long n = 0;
	if (flags >= 0)
		(void)net_setfl(listener, flags | O_NONBLOCK);
	for (;;) {
		struct sockaddr_storage peer;
		socklen_t plen = sizeof peer;
		int s;
		memset(&peer, 0, sizeof peer);
		s = net_accept(listener, (struct sockaddr *)&peer, &plen);
		if (s < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			break;
		}
		n++;
		if (found != NULL && fd >= 0 && tcp && same_local(fd, &peer))
			*found = 1;
		probe_close_reset(s, tcp);
	}
	if (flags >= 0)
		(void)net_setfl(listener, flags);
	return n;
}

static void target_of(const struct lc_case *c, const struct scene *s, struct probe_target *t)
{
	probe_target_set(t, s->fd, c->family, c->type, c->protocol, &s->addr, s->addrlen);
}

/* ---- the extra client ---- */

struct extra {
	int fd;
	char first[24]; /* what connect() returned: ok or an errno name */
	int waited;     /* blocking: it returned only once SO_SNDTIMEO expired */
	char then[24];  /* what followed ("" when connect failed at once) */
	long elapsed_ms;
	char how[160];  /* how "then" was confirmed */
};

static void on_alarm(int sig)
{
	(void)sig;
}

/* SIGALRM after ms (0: cancel). */
static void backstop(int ms)
{
	struct itimerval it;
	memset(&it, 0, sizeof it);
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	(void)setitimer(ITIMER_REAL, &it, NULL);
}

/* A connect that completed: was it reset afterwards (FreeBSD's answer to
 * a full queue), or does it stay connected?  Waits wait_ms at most. */
static void after_connected(struct extra *x, int wait_ms)
{
	struct pollfd p;
	p.fd = x->fd;
	p.events = POLLIN;
	p.revents = 0;
	if (net_poll(&p, 1, wait_ms) > 0) {
		char b;
		int e = sock_error(x->fd);
		if (e == 0 && (p.revents & POLLIN) && net_read(x->fd, &b, 1) < 0)
			e = errno;
		if (e == ECONNRESET || (p.revents & (POLLERR | POLLHUP))) {
			snprintf(x->then, sizeof x->then, "reset");
			snprintf(x->how, sizeof x->how, "connected, then reset");
			return;
		}
	}
	snprintf(x->then, sizeof x->then, "connected");
	snprintf(x->how, sizeof x->how, "connected and not reset within %d ms", wait_ms);
}

/* A connect still in progress: dropped, or answered? */
static void in_progress(struct extra *x, const struct probe_target *t, int have_drops,
			long drops0, int wait_ms)
{
	struct pollfd p;
	char state[24] = "";
	long t0 = lc_now_ms(), drops = drops0;
	int e;

	p.fd = x->fd;
	p.events = POLLOUT;
	if (have_drops) {
		int ready = 0;
		/* Until the listener counts the SYN dropped or the client hears
		 * an answer, whichever first (the count is bumped where
		 * tcp_conn_request drops the SYN, before anything could be
		 * sent). */
		while (lc_now_ms() - t0 < COUNT_WAIT_MS) {
			p.revents = 0;
			if (net_poll(&p, 1, 1) > 0) {
				ready = 1;
				break;
			}
			if (sysdep_socket_drops(t->listener, &drops) == 0 && drops > drops0)
				break;
		}
		if (!ready && drops > drops0) {
			(void)sysdep_tcp_state(x->fd, state, sizeof state);
			if (strcmp(state, "SYN_SENT") == 0) {
				snprintf(x->then, sizeof x->then, "dropped");
				snprintf(x->how, sizeof x->how, "the listener counted %ld dropped "
					 "(SO_MEMINFO); the client is in SYN_SENT", drops - drops0);
				return;
			}
		}
		if (!ready) {
			snprintf(x->then, sizeof x->then, "unconfirmed");
			snprintf(x->how, sizeof x->how, "no answer, drop count %ld -> %ld within %d ms, "
				 "client state %s", drops0, drops, COUNT_WAIT_MS,
				 state[0] ? state : "unknown");
			return;
		}
	} else {
		p.revents = 0;
		if (net_poll(&p, 1, wait_ms) <= 0) {
			(void)sysdep_tcp_state(x->fd, state, sizeof state);
			snprintf(x->then, sizeof x->then, "dropped");
			snprintf(x->how, sizeof x->how, "no answer within %d ms (no drop count here)%s%s",
				 wait_ms, state[0] ? "; the client is in " : "", state);
			return;
		}
	}
	e = sock_error(x->fd);
	if (e == ECONNRESET) {
		/* Reset after the handshake completed (a reset answering the
		 * SYN itself is ECONNREFUSED). */
		snprintf(x->then, sizeof x->then, "reset");
		snprintf(x->how, sizeof x->how, "the connection was reset %ld ms after connect()",
			 lc_now_ms() - t0);
		return;
	}
	if (e != 0) {
		char en[24];
		snprintf(x->then, sizeof x->then, "%s", errno_name(e, en, sizeof en));
		snprintf(x->how, sizeof x->how, "the connect failed after %ld ms", lc_now_ms() - t0);
		return;
	}
	after_connected(x, wait_ms);
}

/* One more client against the full queue; blocking with SO_SNDTIMEO, or
 * non-blocking.  Returns 0 (x filled in), or -1 with o set. */
static int extra_connect(const struct probe_target *t, int blocking, int wait_ms,
			 struct extra *x, struct obs *o)
{
	struct sigaction sa, old;
	long drops0 = 0, t0;
	int tcp = t->family != AF_UNIX, have_drops = 0, r, e;

	memset(x, 0, sizeof *x);
	/* An MPTCP listener's own count is not where the SYN is dropped (the
	 * listening TCP subflow's tcp_listendrop() counts it): seen staying 0,
	 * and once moving for something else, so MPTCP takes the wait. */
	if (tcp && t->protocol != LC_IPPROTO_MPTCP)
		have_drops = sysdep_socket_drops(t->listener, &drops0) == 0;
	x->fd = net_socket(t->family, t->type, t->protocol);
	if (x->fd < 0) {
		obs_step_errno(o, "socket", errno);
		return -1;
	}
	if (blocking) {
		struct timeval tv;
		tv.tv_sec = SNDTIMEO_MS / 1000;
		tv.tv_usec = (SNDTIMEO_MS % 1000) * 1000;
		if (net_setsockopt(x->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0) {
			obs_step_errno(o, "setsockopt", errno);
			return -1;
		}
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_alarm;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = 0; /* no SA_RESTART: the alarm interrupts connect() */
		sigaction(SIGALRM, &sa, &old);
		backstop(BACKSTOP_MS);
	} else if (set_nonblocking(x->fd, 1) != 0) {
		obs_step_errno(o, "fcntl", errno);
		return -1;
	}
	t0 = lc_now_ms();
	r = net_connect(x->fd, (const struct sockaddr *)&t->addr, t->addrlen);
	e = errno;
	x->elapsed_ms = lc_now_ms() - t0;
	if (blocking) {
		backstop(0);
		sigaction(SIGALRM, &old, NULL);
		/* Returned once the bound expired (not merely late: an
		 * immediate answer never takes half the bound). */
		x->waited = x->elapsed_ms >= SNDTIMEO_MS / 2;
	}
	if (r == 0)
		snprintf(x->first, sizeof x->first, "ok");
	else {
		char en[24];
		snprintf(x->first, sizeof x->first, "%s", errno_name(e, en, sizeof en));
	}
	if (r == 0)
		after_connected(x, wait_ms);
	else if (e == EINPROGRESS || e == EALREADY)
		in_progress(x, t, have_drops, drops0, wait_ms);
	return 0;
}

/* Listen with backlog 1 and fill the queue; 0, or -1 with o set. */
static int full_queue(const struct lc_case *c, struct scene *s, int backlog,
		      struct probe_target *t, struct probe_full **full, long *queued, int *wait,
		      struct obs *o)
{
	enum refusal how;
	if (lc_listen(s->fd, backlog, "listen", o) != 0)
		return -1;
	target_of(c, s, t);
	return probe_fill_full(t, full, queued, &how, wait, o);
}

/* Token, non-blocking: CONNECT[,THEN]; blocking: CONNECT,WHEN[,THEN].
 *   CONNECT  what connect() returned: ok, or the errno name (EAGAIN,
 *            ECONNREFUSED, EINPROGRESS, ...)
 *   WHEN     (blocking) at-once, or waited: it returned only after half
 *            the SO_SNDTIMEO bound (200 ms) or later; a connect() that
 *            ignores the bound is interrupted after 800 ms (EINTR,waited)
 *   THEN     only when connect() returned ok or EINPROGRESS:
 *            dropped    no answer: the client stays in SYN_SENT (Linux: the
 *                       listener's drop count confirms it; elsewhere no
 *                       answer within the probe's wait)
 *            reset      the connection completed, then was reset
 *            connected  it completed and stayed (the queue took it)
 *            ERRNO      the pending connect failed with this (SO_ERROR)
 *            unconfirmed  no answer, but the kernel did not count a drop
 * Linux: tcp EINPROGRESS,dropped / EINPROGRESS,waited,dropped; AF_UNIX
 * EAGAIN / EAGAIN,waited. */
static void do_overflow(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	struct probe_full *full = NULL;
	struct extra x;
	long queued = 0;
	int wait = 0, blocking = c->variant == OVERFLOW_BLOCKING;

	if (full_queue(c, s, OVF_BACKLOG, &t, &full, &queued, &wait, o) != 0)
		return;
	if (extra_connect(&t, blocking, wait, &x, o) == 0) {
		snprintf(o->token, sizeof o->token, "%s%s%s%s", x.first,
			 blocking ? (x.waited ? ",waited" : ",at-once") : "", x.then[0] ? "," : "",
			 x.then);
		obs_note(o, "%ld queued; connect returned after %ld ms%s%s", queued, x.elapsed_ms,
			 x.how[0] ? "; " : "", x.how);
	}
	if (x.fd >= 0)
		probe_close_reset(x.fd, t.family != AF_UNIX);
	probe_full_close(full);
	(void)drain_now(t.listener, t.family != AF_UNIX, -1, NULL);
}

static const char *const when_words[] = {"at-once", "waited", NULL};
static const char *const then_words[] = {"dropped", "reset", "connected", "unconfirmed", NULL};

static int in_words(const char *w, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(w, *words) == 0)
			return 1;
	return 0;
}

static int valid_overflow_token(const char *token)
{
	char buf[OBS_TOKEN_MAX], *parts[4], *save, *p;
	int n = 0, i = 1;
	if (strlen(token) >= sizeof buf || strstr(token, ",,") != NULL ||
	    token[strlen(token) - 1] == ',')
		return 0;
	strcpy(buf, token);
	for (p = strtok_r(buf, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
		if (n == 4)
			return 0;
		parts[n++] = p;
	}
	if (n == 0 || (strcmp(parts[0], "ok") != 0 && !errno_name_known(parts[0])))
		return 0;
	if (i < n && in_words(parts[i], when_words))
		i++;
	if (i < n && (in_words(parts[i], then_words) || errno_name_known(parts[i])))
		i++;
	return i == n;
}

const struct observer observe_overflow = {"overflow", do_overflow, NULL, 0,
					  valid_overflow_token};

/* Token: what became of the extra client once one accept() made room.
 *   retried        it got in by itself (TCP: its SYN was retransmitted):
 *                  its connect completed and accept() returned it
 *   reconnected    its connect had failed; a new connect() got in
 *   refused-again  its connect had failed; a new connect() was refused too
 *   stuck          still not connected when the bound (5 s) expired
 *   unqueued       it connected by itself, but accept() did not return it
 *   not-refused    it was never refused (connected at once)
 * Linux: TCP retried (after about 1 s), AF_UNIX reconnected. */
static void do_retry(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	struct probe_full *full = NULL;
	struct extra x;
	struct pollfd p;
	long queued = 0, t0;
	int wait = 0, tcp = c->family != AF_UNIX, found = 0;

	if (full_queue(c, s, OVF_BACKLOG, &t, &full, &queued, &wait, o) != 0)
		return;
	if (extra_connect(&t, 0, wait, &x, o) != 0)
		goto out;
	/* Room for one: accept one of the queued connections. */
	p.fd = t.listener;
	p.events = POLLIN;
	p.revents = 0;
	if (net_poll(&p, 1, COUNT_WAIT_MS) > 0) {
		int a = net_accept(t.listener, NULL, NULL);
		if (a >= 0)
			probe_close_reset(a, tcp);
	}
	if (strcmp(x.then, "connected") == 0) {
		obs_word(o, "not-refused");
		goto out;
	}
	if (strcmp(x.then, "dropped") == 0 || strcmp(x.then, "unconfirmed") == 0) {
		char state[24] = "";
		p.fd = x.fd;
		p.events = POLLOUT;
		p.revents = 0;
		t0 = lc_now_ms();
		if (net_poll(&p, 1, RETRY_WAIT_MS) <= 0) {
			obs_word(o, "stuck");
			obs_note(o, "%ld queued; the refused client was still not connected after %d ms",
				 queued, RETRY_WAIT_MS);
			goto out;
		}
		if (sock_error(x.fd) == 0) {
			long took = lc_now_ms() - t0;
			(void)sysdep_tcp_state(x.fd, state, sizeof state);
			/* Its connection must be the one accept() hands out. */
			p.fd = t.listener;
			p.events = POLLIN;
			p.revents = 0;
			(void)net_poll(&p, 1, COUNT_WAIT_MS);
			(void)drain_now(t.listener, tcp, x.fd, &found);
			obs_word(o, found ? "retried" : "unqueued");
			obs_note(o, "%ld queued; the refused client (%s) connected by itself %ld ms "
				 "after the accept()%s%s", queued, x.how, took,
				 state[0] ? ", state " : "", state);
			goto out;
		}
	}
	{
		/* Its connect failed (at once, or later): a new client. */
		struct extra y;
		if (extra_connect(&t, 0, wait, &y, o) != 0)
			goto out;
		if (strcmp(y.first, "ok") == 0 ||
		    (strcmp(y.first, "EINPROGRESS") == 0 && strcmp(y.then, "connected") == 0))
			obs_word(o, "reconnected");
		else
			obs_word(o, "refused-again");
		obs_note(o, "%ld queued; the refused client got %s%s%s; a new connect() %s%s%s",
			 queued, x.first, x.then[0] ? "," : "", x.then, y.first,
			 y.then[0] ? "," : "", y.then);
		if (y.fd >= 0)
			probe_close_reset(y.fd, tcp);
	}
out:
	if (x.fd >= 0)
		probe_close_reset(x.fd, tcp);
	probe_full_close(full);
	(void)drain_now(t.listener, tcp, -1, NULL);
}

static const char *const retry_words[] = {"retried", "reconnected", "refused-again", "stuck",
					  "unqueued", "not-refused", NULL};

const struct observer observe_overflow_retry = {"overflow-retry", do_retry, retry_words, 0,
						NULL};

/* ---- tcp_abort_on_overflow ---- */

/* Waits (bounded) until the listener's accept queue holds n; 0 or -1. */
static int await_queue(int listener, long n)
{
	long t0 = lc_now_ms(), qlen = -1, qlimit;
	while (lc_now_ms() - t0 < COUNT_WAIT_MS) {
		struct timespec ts = {0, 1000000};
		if (sysdep_listen_queue(listener, &qlen, &qlimit) != 0)
			return -1;
		if (qlen >= n)
			return qlen == n ? 0 : -1;
		nanosleep(&ts, NULL);
	}
	return -1;
}

/* A connected non-blocking TCP client of the listener; -1 with o set. */
static int tcp_client(const struct probe_target *t, struct obs *o)
{
	struct pollfd p;
	int fd = net_socket(t->family, SOCK_STREAM, 0), r;
	if (fd < 0 || set_nonblocking(fd, 1) != 0) {
		obs_step_errno(o, fd < 0 ? "socket" : "fcntl", errno);
		if (fd >= 0)
			net_close(fd);
		return -1;
	}
	r = net_connect(fd, (const struct sockaddr *)&t->addr, t->addrlen);
	if (r != 0 && errno != EINPROGRESS) {
		obs_step_errno(o, "connect", errno);
		net_close(fd);
		return -1;
	}
	p.fd = fd;
	p.events = POLLOUT;
	p.revents = 0;
	if (net_poll(&p, 1, COUNT_WAIT_MS) <= 0 || sock_error(fd) != 0) {
		obs_step_errno(o, "connect", p.revents ? sock_error(fd) : ETIMEDOUT);
		probe_close_reset(fd, 1);
		return -1;
	}
	return fd;
}

/* Token: what a client sees whose final ACK (here: its first data, the
 * pure ACK being held back by TCP_DEFER_ACCEPT) reaches a full accept
 * queue, in a private namespace with net.ipv4.tcp_abort_on_overflow 0 or
 * 1 (the variant):
 *   reset        the server answered with a reset (the client's read fails
 *                ECONNRESET)
 *   established  the client stays established; the server counted the
 *                overflow (TcpExt ListenOverflows), dropped the segment and
 *                did not queue the connection
 *   queued       the connection was queued beyond the limit
 * Linux: reset with 1, established with 0. */
static void do_abort_on_overflow(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	struct pollfd p;
	char why[200], state[24] = "";
	int fill[ABORT_BACKLOG + 2], nfill = 0, x = -1, i, e = 0, value;
	long qlen = 0, qlimit = 0, ovf0, ovf = 0, rst0 = -1, rst = -1, t0;

	value = c->variant == ABORT_ON_OVERFLOW_1;
	if (sysdep_set_abort_on_overflow(value, why, sizeof why) != 0) {
		obs_skip(o, "%s", why);
		return;
	}
	if (lc_listen(s->fd, ABORT_BACKLOG, "listen", o) != 0)
		return;
	if (sysdep_listen_queue(s->fd, &qlen, &qlimit) != 0 ||
	    sysdep_net_counter("TcpExt:ListenOverflows", &ovf0) != 0) {
		obs_skip(o, "needs the kernel's accept-queue count (TCP_INFO) and the namespace's "
			 "TcpExt ListenOverflows counter, which this system does not offer");
		return;
	}
	if (sysdep_defer_accept(s->fd, 10, why, sizeof why) != 0) {
		obs_skip(o, "%s", why);
		return;
	}
	target_of(c, s, &t);
	/* The client whose final ACK is held back: connected on its side,
	 * half-open on the server's. */
	x = tcp_client(&t, o);
	if (x < 0)
		goto out;
	if (sysdep_listen_queue(s->fd, &qlen, &qlimit) != 0 || qlen != 0) {
		obs_skip(o, "TCP_DEFER_ACCEPT did not hold the final ACK back (%ld queued): the "
			 "overflow of a final ACK cannot be staged", qlen);
		goto out;
	}
	/* Fill the accept queue: each filler sends a byte, which completes
	 * its handshake past the deferral. */
	while (nfill < ABORT_BACKLOG + 2) {
		char b = 'f';
		int fd = tcp_client(&t, o);
		if (fd < 0)
			goto out;
		fill[nfill++] = fd;
		if (net_write(fd, &b, 1) != 1) {
			obs_step_errno(o, "write", errno);
			goto out;
		}
		if (await_queue(s->fd, nfill) != 0) {
			obs_skip(o, "filler %d did not reach the accept queue within %d ms",
				 nfill, COUNT_WAIT_MS);
			goto out;
		}
		if (sysdep_listen_queue(s->fd, &qlen, &qlimit) != 0)
			goto out;
		if (qlen > qlimit)
			break;
	}
	(void)sysdep_net_counter("TcpExt:ListenOverflows", &ovf0);
	(void)sysdep_net_counter("Tcp:OutRsts", &rst0);
	{
		char b = 'x';
		if (net_write(x, &b, 1) != 1) {
			obs_step_errno(o, "write", errno);
			goto out;
		}
	}
	/* Until the namespace counts the overflow, or the client hears. */
	p.fd = x;
	p.events = POLLIN;
	t0 = lc_now_ms();
	while (lc_now_ms() - t0 < COUNT_WAIT_MS) {
		p.revents = 0;
		if (net_poll(&p, 1, 1) > 0)
			break;
		if (sysdep_net_counter("TcpExt:ListenOverflows", &ovf) == 0 && ovf > ovf0)
			break;
	}
	/* The reset, if one is sent, follows the count at once. */
	p.revents = 0;
	if (net_poll(&p, 1, RESET_WAIT_MS) > 0) {
		char b;
		e = sock_error(x);
		if (e == 0 && net_read(x, &b, 1) < 0)
			e = errno;
	}
	(void)sysdep_net_counter("TcpExt:ListenOverflows", &ovf);
	(void)sysdep_net_counter("Tcp:OutRsts", &rst);
	(void)sysdep_tcp_state(x, state, sizeof state);
	if (sysdep_listen_queue(s->fd, &qlen, &qlimit) != 0)
		goto out;
	if (e == ECONNRESET)
		obs_word(o, "reset");
	else if (e == 0 && ovf > ovf0 && strcmp(state, "ESTABLISHED") == 0 && qlen == nfill)
		obs_word(o, "established");
	else if (e == 0 && qlen == nfill + 1)
		obs_word(o, "queued");
	else {
		char en[24];
		obs_word(o, "error");
		obs_note(o, "no outcome: client error %s, state %s, ListenOverflows %ld -> %ld, "
			 "%ld queued", errno_name(e, en, sizeof en), state, ovf0, ovf, qlen);
		goto out;
	}
	obs_note(o, "%d queued (limit %ld); ListenOverflows %ld -> %ld, OutRsts %ld -> %ld; "
		 "client state %s", nfill, qlimit, ovf0, ovf, rst0, rst, state);
out:
	if (x >= 0)
		probe_close_reset(x, 1);
	for (i = 0; i < nfill; i++)
		probe_close_reset(fill[i], 1);
	(void)drain_now(s->fd, 1, -1, NULL);
}

static const char *const abort_words[] = {"reset", "established", "queued", NULL};

const struct observer observe_abort_on_overflow = {"abort-on-overflow", do_abort_on_overflow,
						   abort_words, 0, NULL};

long overflow_cost(const struct lc_case *c)
{
	/* Wall time, mostly waiting: the retry waits for a SYN retransmit
	 * (about 1 s), a blocking connect for SO_SNDTIMEO. */
	if (c->observer == &observe_overflow_retry)
		return c->family == AF_UNIX ? 200 : 100000;
	if (c->observer == &observe_overflow)
		return c->variant == OVERFLOW_BLOCKING ? SNDTIMEO_MS * 100 : 200;
	if (c->observer == &observe_abort_on_overflow)
		return c->variant == ABORT_ON_OVERFLOW_0 ? RESET_WAIT_MS * 100 : 500;
	return 0;
}

long overflow_wait_ms(const struct lc_case *c)
{
	if (c->observer == &observe_overflow_retry && c->family != AF_UNIX)
		return 1000; /* the SYN retransmission */
	if (c->observer == &observe_overflow && c->variant == OVERFLOW_BLOCKING)
		return SNDTIMEO_MS;
	if (c->observer == &observe_abort_on_overflow && c->variant == ABORT_ON_OVERFLOW_0)
		return RESET_WAIT_MS;
	return 0;
}
