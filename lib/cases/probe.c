/* probe.c: counting the connections that wait for accept() (see probe.h). */
#define _POSIX_C_SOURCE 200809L
#include "probe.h"
#include "errnames.h"
#include "sockutil.h"
#include "sysdep.h"
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

/* The shortest wait that confirms a silent refusal, and the longest.  The
 * wait grows with the slowest handshake seen in the same run (10x). */
#define CONFIRM_MIN_MS 25
#define CONFIRM_MAX_MS 2000
/* Runs voided by a slow connect before the probe gives up. */
#define MAX_ATTEMPTS 3
/* Helper processes one probe may use, and descriptors kept in reserve so
 * this process can still make pipes and accept() at its limit. */
#define MAX_HELPERS 16
#define SPARE_FDS 40
/* Every this many completed connects, the latest ones are checked for a
 * reset: FreeBSD completes the handshake of a connection its full queue
 * cannot take and then resets it (tcp_input after syncache_expand), so
 * there a refusal shows only as a reset after the fact. */
#define RESET_CHECK 16

/* TCP/IPv4 clients per loopback source address.  Linux's connect() first
 * tries ports of one parity, half the default range (about 14000); past
 * that each connect searches long (measured on 6.18: 16 us per connect
 * up to 12000 clients from one address, 334 us from 12000 to 16000). */
#define SPREAD 8192

struct clients {
	int *fd;
	long n, cap;
};

enum stop { STOP_REFUSED, STOP_MAX, STOP_FDS, STOP_FAIL };

/* What one filler (this process or a helper) did. */
struct fill_report {
	long made;
	int stop;
	int how;
	/* Local address of a refused client left pending (family 0: none). */
	struct sockaddr_storage pending_addr;
	int err;
	char step[16];
	int no_ports;
	int slowest_ms;
	int pending_connected; /* the "refused" client had connected after all */
};

struct fill {
	const struct probe_target *t;
	long first; /* global index of this filler's first client */
	long max;   /* stop after this many; -1: until refused */
	int window_ms;
	struct clients cl;
	int pending; /* the refused client, kept open until the drain */
	struct fill_report rep;
};

const char *probe_refusal_text(enum refusal how)
{
	switch (how) {
	case REFUSED_ERROR: return "refused at once";
	case REFUSED_FULL: return "refused: the kernel counted the queue full";
	case REFUSED_SILENT: return "refused: no answer within the confirmation wait";
	case REFUSED_RESET: return "refused: connected, then reset by the server";
	default: return "not refused";
	}
}

void probe_target_set(struct probe_target *t, int listener, int family, int type,
		      int protocol, const struct sockaddr_storage *addr, socklen_t addrlen)
{
	memset(t, 0, sizeof *t);
	t->listener = listener;
	t->family = family;
	t->type = type;
	t->protocol = protocol;
	t->addr = *addr;
	t->addrlen = addrlen;
}

static int is_tcp(const struct probe_target *t)
{
	return t->family != AF_UNIX;
}

void probe_close_reset(int fd, int tcp)
{
	if (tcp)
		sock_reset_on_close(fd);
	net_close(fd);
}

static int clients_push(struct clients *c, int fd)
{
	if (c->n == c->cap) {
		long cap = c->cap ? c->cap * 2 : 256;
		int *v = realloc(c->fd, (size_t)cap * sizeof *v);
		if (v == NULL)
			return -1;
		c->fd = v;
		c->cap = cap;
	}
	c->fd[c->n++] = fd;
	return 0;
}

/* How long a connect may stay unanswered before it counts as refused: the
 * run's wait, or ten times the slowest handshake this filler has seen (a
 * loaded machine, or a stack such as gVisor's, answers late), at most
 * CONFIRM_MAX_MS.  Waiting longer is always safe: nothing leaves a full
 * queue before the drain, so a refused client cannot connect meanwhile. */
static int silent_wait_ms(const struct fill *f)
{
	long w = 10L * f->rep.slowest_ms;
	if (w < f->window_ms)
		w = f->window_ms;
	return w > CONFIRM_MAX_MS ? CONFIRM_MAX_MS : (int)w;
}

/* A client refused only because no answer came within the wait: has it
 * connected since?  It is given that wait once more (an answer just after
 * it is common under load), and if it connected it was slow, not refused.
 * Either way it is closed now, before the drain makes room that its
 * retried SYN could take. */
static void settle_pending(struct fill *f)
{
	struct pollfd p;
	if (f->pending < 0)
		return;
	p.fd = f->pending;
	p.events = POLLOUT;
	p.revents = 0;
	if (net_poll(&p, 1, silent_wait_ms(f)) > 0 && sock_error(f->pending) == 0)
		f->rep.pending_connected = 1;
	net_close(f->pending);
	f->pending = -1;
}

static void fill_close(struct fill *f)
{
	long i;
	for (i = 0; i < f->cl.n; i++)
		probe_close_reset(f->cl.fd[i], is_tcp(f->t));
	free(f->cl.fd);
	memset(&f->cl, 0, sizeof f->cl);
	if (f->pending >= 0)
		net_close(f->pending);
	f->pending = -1;
}

static void fill_init(struct fill *f, const struct probe_target *t, long first, long max,
		      int window_ms)
{
	memset(f, 0, sizeof *f);
	f->t = t;
	f->first = first;
	f->max = max;
	f->window_ms = window_ms;
	f->pending = -1;
}

static void fill_fail(struct fill *f, const char *step, int err)
{
	f->rep.stop = STOP_FAIL;
	f->rep.err = err;
	snprintf(f->rep.step, sizeof f->rep.step, "%s", step);
}

/* A non-blocking client socket; TCP/IPv4 client number index gets source
 * address 127.0.0.(1 + index / SPREAD). */
static int new_client(const struct probe_target *t, long index, const char **step)
{
	int fd;
	*step = "socket";
	fd = net_socket(t->family, t->type, t->protocol);
	if (fd < 0)
		return -1;
	if (set_nonblocking(fd, 1) != 0)
		goto fail;
	if (t->family == AF_INET && index >= SPREAD) {
		struct sockaddr_in src;
		long host = 1 + index / SPREAD;
		*step = "bind";
		if (host > 254) {
			errno = EADDRNOTAVAIL;
			goto fail;
		}
		memset(&src, 0, sizeof src);
		src.sin_family = AF_INET;
		src.sin_addr.s_addr = htonl(INADDR_LOOPBACK - 1 + (unsigned long)host);
		sysdep_bind_address_only(fd);
		if (net_bind(fd, (struct sockaddr *)&src, sizeof src) != 0)
			goto fail;
	} else if (t->family == AF_INET6 && index >= SPREAD) {
		/* In a private namespace lo has extra IPv6 addresses; without
		 * them every client stays on ::1, as far as its ports go. */
		struct sockaddr_in6 src;
		memset(&src, 0, sizeof src);
		src.sin6_family = AF_INET6;
		if (sysdep_ipv6_source((int)(index / SPREAD), &src.sin6_addr) == 0) {
			*step = "bind";
			sysdep_bind_address_only(fd);
			if (net_bind(fd, (struct sockaddr *)&src, sizeof src) != 0)
				goto fail;
		}
	}
	return fd;
fail:
	{
		int e = errno;
		net_close(fd);
		errno = e;
		return -1;
	}
}

static void local_addr(int fd, struct sockaddr_storage *a)
{
	socklen_t len = sizeof *a;
	memset(a, 0, sizeof *a);
	if (net_getsockname(fd, (struct sockaddr *)a, &len) != 0)
		memset(a, 0, sizeof *a);
}

/* Same inet address and port?  (Clients may share a port number when they
 * come from different 127.0.0.x source addresses.) */
static int same_endpoint(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family || sockaddr_port(a) != sockaddr_port(b))
		return 0;
	if (a->ss_family == AF_INET)
		return ((const struct sockaddr_in *)a)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)b)->sin_addr.s_addr;
	if (a->ss_family == AF_INET6)
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
			      &((const struct sockaddr_in6 *)b)->sin6_addr, 16) == 0;
	return 0;
}

/* A connect is in progress: 1 when it completes, 0 when it is refused (the
 * client stays open in f->pending if no answer came), -1 on failure. */
static int await_connect(struct fill *f, int fd)
{
	struct pollfd p;
	long qlen, qlimit;
	int e;

	p.fd = fd;
	p.events = POLLOUT;
	p.revents = 0;
	if (net_poll(&p, 1, 0) == 0) {
		long t0, took;
		if (is_tcp(f->t) && sysdep_listen_queue(f->t->listener, &qlen, &qlimit) == 0 &&
		    qlen > qlimit) {
			/* The kernel's count confirms it: the SYN was dropped.
			 * Closed now (in SYN_SENT nothing is sent); kept open it
			 * would retry after a second and could get in while a
			 * long drain makes room (found under User-mode Linux and
			 * with 65536 connections under load). */
			f->rep.how = REFUSED_FULL;
			net_close(fd);
			return 0;
		}
		t0 = lc_now_ms();
		if (net_poll(&p, 1, silent_wait_ms(f)) <= 0) {
			f->rep.how = REFUSED_SILENT;
			f->pending = fd;
			local_addr(fd, &f->rep.pending_addr);
			return 0;
		}
		took = lc_now_ms() - t0;
		if (took > f->rep.slowest_ms)
			f->rep.slowest_ms = (int)took;
	}
	e = sock_error(fd);
	if (e == 0)
		return 1;
	net_close(fd);
	if (e == ECONNREFUSED || e == ECONNRESET) {
		f->rep.how = REFUSED_ERROR;
		return 0;
	}
	fill_fail(f, "connect", e);
	return -1;
}

/* Has one of the last RESET_CHECK clients been reset since it connected? */
static int recent_reset(const struct fill *f)
{
	struct pollfd p[RESET_CHECK];
	long first = f->cl.n > RESET_CHECK ? f->cl.n - RESET_CHECK : 0, i;
	int n = 0, k;
	for (i = first; i < f->cl.n; i++, n++) {
		p[n].fd = f->cl.fd[i];
		p[n].events = POLLIN;
		p[n].revents = 0;
	}
	if (n == 0 || net_poll(p, (nfds_t)n, 0) <= 0)
		return 0;
	for (k = 0; k < n; k++)
		if ((p[k].revents & (POLLERR | POLLHUP)) != 0)
			return 1;
	return 0;
}

/* Connects clients one at a time until the listener refuses one, f->max
 * are made, or descriptors run out. */
static void fill_run(struct fill *f)
{
	const struct probe_target *t = f->t;
	int tcp = is_tcp(t);

	while (f->max < 0 || f->cl.n < f->max) {
		const char *step;
		int fd = new_client(t, f->first + f->cl.n, &step), e, r;
		if (fd < 0) {
			e = errno;
			if (e == EMFILE || e == ENFILE)
				f->rep.stop = STOP_FDS;
			else if (e == EADDRNOTAVAIL)
				f->rep.stop = STOP_FAIL, f->rep.no_ports = 1;
			else
				fill_fail(f, step, e);
			goto out;
		}
		r = net_connect(fd, (const struct sockaddr *)&t->addr, t->addrlen);
		e = errno;
		if (r != 0 && (e == EINPROGRESS || e == EINTR)) {
			r = await_connect(f, fd);
			if (r < 0)
				goto out;
			if (r == 0) {
				f->rep.stop = STOP_REFUSED;
				goto out;
			}
		} else if (r != 0) {
			net_close(fd);
			if (e == ECONNREFUSED || (!tcp && (e == EAGAIN || e == EWOULDBLOCK))) {
				f->rep.how = REFUSED_ERROR;
				f->rep.stop = STOP_REFUSED;
			} else if (e == EADDRNOTAVAIL) {
				f->rep.stop = STOP_FAIL;
				f->rep.no_ports = 1;
			} else if (e == EMFILE || e == ENFILE) {
				f->rep.stop = STOP_FDS;
			} else {
				fill_fail(f, "connect", e);
			}
			goto out;
		}
		if (clients_push(&f->cl, fd) != 0) {
			probe_close_reset(fd, tcp);
			fill_fail(f, "malloc", ENOMEM);
			goto out;
		}
		if (tcp && f->cl.n % RESET_CHECK == 0 && recent_reset(f)) {
			f->rep.how = REFUSED_RESET;
			f->rep.stop = STOP_REFUSED;
			goto out;
		}
	}
	f->rep.stop = STOP_MAX;
out:
	f->rep.made = f->cl.n;
}

/* Accepts everything queued.  A client that counted as refused but shows up
 * here was only slow: *slow is set.  Where fewer arrive than completed their
 * connect, waits briefly for stragglers (stacks that queue asynchronously). */
static int drain(const struct probe_target *t, long completed,
		 const struct sockaddr_storage *pending, int wait_ms, long *depth, int *slow,
		 struct obs *o)
{
	int tcp = is_tcp(t), flags = net_getfl(t->listener), rc = 0;
	long n = 0;

	if (flags < 0 || net_setfl(t->listener, flags | O_NONBLOCK) != 0) {
		obs_step_errno(o, "fcntl", errno);
		return -1;
	}
	for (;;) {
		struct sockaddr_storage peer;
		socklen_t plen = sizeof peer;
		int s;
		memset(&peer, 0, sizeof peer);
		s = net_accept(t->listener, (struct sockaddr *)&peer, &plen);
		if (s >= 0) {
			n++;
			if (tcp && pending->ss_family != 0 && same_endpoint(&peer, pending))
				*slow = 1;
			probe_close_reset(s, tcp);
			continue;
		}
		if (errno == EINTR || errno == ECONNABORTED)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			struct pollfd p;
			if (n >= completed)
				break;
			p.fd = t->listener;
			p.events = POLLIN;
			p.revents = 0;
			if (net_poll(&p, 1, wait_ms) > 0)
				continue;
			break;
		}
		obs_step_errno(o, "accept", errno);
		rc = -1;
		break;
	}
	(void)net_setfl(t->listener, flags);
	*depth = n;
	return rc;
}

/* After a refusal seen only as silence: accept one connection and connect
 * one more, which must get in.  If it does not, the queue held more than
 * its limit: a stack that queues a completed handshake asynchronously can
 * let the next SYN pass the limit check before the previous connection is
 * counted (gVisor: tcp/dispatcher.go deliverAccepted never checks the
 * limit), and the run is void.  The new client (in g) stays open until the
 * drain, which counts it in place of the one accepted here. */
static int top_up(const struct probe_target *t, long index, int window_ms,
		  const struct sockaddr_storage *pending, struct fill *g, int *slow,
		  struct obs *o)
{
	struct sockaddr_storage peer;
	socklen_t plen = sizeof peer;
	struct pollfd p;
	int flags = net_getfl(t->listener), s;

	p.fd = t->listener;
	p.events = POLLIN;
	p.revents = 0;
	if (flags < 0 || net_setfl(t->listener, flags | O_NONBLOCK) != 0) {
		obs_step_errno(o, "fcntl", errno);
		return -1;
	}
	memset(&peer, 0, sizeof peer);
	s = net_poll(&p, 1, window_ms) > 0 ? net_accept(t->listener, (struct sockaddr *)&peer, &plen) : -1;
	(void)net_setfl(t->listener, flags);
	if (s < 0) {
		*slow = 1; /* nothing to accept yet: a slow stack */
		return 0;
	}
	if (pending->ss_family != 0 && same_endpoint(&peer, pending))
		*slow = 1;
	probe_close_reset(s, 1);
	fill_init(g, t, index, 1, window_ms);
	fill_run(g);
	if (g->rep.stop == STOP_FAIL) {
		obs_step_errno(o, g->rep.step, g->rep.err);
		return -1;
	}
	settle_pending(g);
	if (g->rep.stop != STOP_MAX)
		*slow = 1;
	return 0;
}

struct helper {
	pid_t pid;
	int cmd; /* closing it tells the helper to close its clients and exit */
};

static void close_all_except(const int *keep, int nkeep)
{
	long max = sysconf(_SC_OPEN_MAX);
	int fd, i;
	if (max < 0 || max > 1 << 20)
		max = 1 << 20;
	for (fd = 3; fd < max; fd++) {
		for (i = 0; i < nkeep && keep[i] != fd; i++)
			;
		if (i == nkeep)
			close(fd);
	}
}

/* A helper process that continues filling from client number first. */
static int spawn_helper(struct helper *h, const struct probe_target *t, long first, long max,
			int window_ms, struct fill_report *rep)
{
	int cmd[2], res[2];
	pid_t self;
	if (pipe(cmd) != 0)
		return -1;
	if (pipe(res) != 0) {
		close(cmd[0]);
		close(cmd[1]);
		return -1;
	}
	fflush(NULL);
	self = getpid();
	h->pid = fork();
	if (h->pid < 0) {
		close(cmd[0]);
		close(cmd[1]);
		close(res[0]);
		close(res[1]);
		return -1;
	}
	if (h->pid == 0) {
		int keep[3];
		struct fill f;
		char b;
		sysdep_die_with_parent(self);
		keep[0] = t->listener;
		keep[1] = cmd[0];
		keep[2] = res[1];
		close_all_except(keep, 3);
		fill_init(&f, t, first, max, window_ms);
		fill_run(&f);
		settle_pending(&f);
		if (write(res[1], &f.rep, sizeof f.rep) != (ssize_t)sizeof f.rep)
			_exit(1);
		while (read(cmd[0], &b, 1) < 0 && errno == EINTR)
			;
		fill_close(&f);
		_exit(0);
	}
	close(cmd[0]);
	close(res[1]);
	h->cmd = cmd[1];
	if (fd_read_full(res[0], rep, sizeof *rep) != 0) {
		close(res[0]);
		memset(rep, 0, sizeof *rep);
		rep->stop = STOP_FAIL;
		snprintf(rep->step, sizeof rep->step, "helper");
		rep->err = EPIPE;
		return 0;
	}
	close(res[0]);
	return 0;
}

static void release_helpers(struct helper *h, int n)
{
	int i, status;
	for (i = 0; i < n; i++)
		close(h[i].cmd);
	for (i = 0; i < n; i++)
		while (waitpid(h[i].pid, &status, 0) < 0 && errno == EINTR)
			;
}

static int open_spares(int *spare)
{
	int i, n = 0;
	for (i = 0; i < SPARE_FDS; i++) {
		spare[i] = open("/dev/null", O_RDONLY);
		if (spare[i] >= 0)
			n++;
	}
	return n;
}

static void close_spares(int *spare)
{
	int i;
	for (i = 0; i < SPARE_FDS; i++) {
		if (spare[i] >= 0)
			close(spare[i]);
		spare[i] = -1;
	}
}

/* One fill-and-drain run with a given confirmation wait. */
static int probe_once(const struct probe_target *t, int window_ms, struct probe_result *r,
		      int *slow, int *next_window, struct obs *o)
{
	struct helper helpers[MAX_HELPERS];
	struct fill_report last;
	struct fill f, g;
	int spare[SPARE_FDS], nh = 0, rc = -1;
	long total;

	open_spares(spare);
	fill_init(&g, t, 0, 0, window_ms);
	fill_init(&f, t, 0, -1, window_ms);
	fill_run(&f);
	last = f.rep;
	total = f.cl.n;
	while (last.stop == STOP_FDS) {
		if (net_lacks(NET_HELPER_PROCESSES) != NULL) {
			/* A stack in this process only: no helper can go on. */
			obs_skip(o, "the queue took %ld connections and still had room when this "
				 "process's sockets ran out, and no helper process can add more: %s",
				 total, net_lacks(NET_HELPER_PROCESSES));
			goto out;
		}
		if (nh == 0)
			close_spares(spare);
		if (nh == MAX_HELPERS || (nh > 0 && last.made == 0)) {
			struct rlimit rl;
			long limit = getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
						     rl.rlim_cur != RLIM_INFINITY
					     ? (long)rl.rlim_cur : -1;
			obs_skip(o, "needs more than %ld descriptors (the queue took %ld connections "
				 "and still had room), limit is %ld per process across %d processes",
				 total + 1, total, limit, nh + 1);
			goto out;
		}
		if (spawn_helper(&helpers[nh], t, total, -1, window_ms, &last) != 0) {
			obs_step_errno(o, "fork", errno);
			goto out;
		}
		nh++;
		total += last.made;
	}
	close_spares(spare);
	settle_pending(&f);
	if (f.rep.pending_connected || last.pending_connected)
		*slow = 1;
	if (last.stop == STOP_FAIL) {
		char why[200];
		if (last.no_ports && t->family == AF_INET6 &&
		    sysdep_ipv6_sources_missing(why, sizeof why)) {
			obs_skip(o, "ran out of ephemeral ports: %s", why);
		} else if (last.no_ports && sysdep_in_private_netns()) {
			/* The namespace is the suite's own, with source addresses
			 * enough for any queue it asks for: running out there is
			 * the suite's fault, never a reason to skip. */
			obs_word(o, "error");
			obs_note(o, "ran out of ephemeral ports after %ld connections in the suite's "
				 "own namespace, which should have source addresses enough", total);
		} else if (last.no_ports)
			obs_skip(o, "ran out of ephemeral ports: the queue takes more connections "
				 "than the loopback source addresses have ports");
		else
			obs_step_errno(o, last.step, last.err);
		goto out;
	}
	if (last.how == REFUSED_SILENT && total > 0 && !*slow &&
	    top_up(t, total, window_ms, &last.pending_addr, &g, slow, o) != 0)
		goto out;
	if (drain(t, total, &last.pending_addr, window_ms, &r->depth, slow, o) != 0)
		goto out;
	r->connected = total;
	r->how = (enum refusal)last.how;
	r->helpers = nh;
	*next_window = 10 * (f.rep.slowest_ms > last.slowest_ms ? f.rep.slowest_ms : last.slowest_ms);
	rc = 0;
out:
	close_spares(spare);
	fill_close(&f);
	fill_close(&g);
	release_helpers(helpers, nh);
	return rc;
}

/* After a void run: the next confirmation wait, four times longer or what
 * the run's slowest handshake asks (next), at most CONFIRM_MAX_MS. */
static int longer_wait(int window, int next)
{
	window = next > window * 4 ? next : window * 4;
	return window > CONFIRM_MAX_MS ? CONFIRM_MAX_MS : window;
}

static void no_exact_count(struct obs *o, int window)
{
	obs_word(o, "error");
	obs_note(o, "connects kept completing after the confirmation wait (%d ms); no exact "
		 "count", window);
}

int probe_depth(const struct probe_target *t, struct probe_result *r, struct obs *o)
{
	int window = CONFIRM_MIN_MS, attempt;

	memset(r, 0, sizeof *r);
	for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		int slow = 0, next = 0;
		if (probe_once(t, window, r, &slow, &next, o) != 0)
			return -1;
		if (!slow)
			return 0;
		/* A "refused" client was accepted after all: the wait was too
		 * short for this stack.  Void the run and wait longer. */
		r->retries++;
		window = longer_wait(window, next);
	}
	no_exact_count(o, window);
	return -1;
}

/* One try of the shrink-pending experiment with a given confirmation wait.
 * Sets *slow when a connect that looked refused completed after all: the
 * try proves nothing and is repeated with a longer wait (the rule of
 * probe_depth: a slow connect is not a refused one). */
static int shrink_once(const struct probe_target *t, long n, int new_backlog, int window_ms,
		       char *listen_result, size_t len, long *kept, int *admitted, int *slow,
		       int *next_window, struct obs *o)
{
	struct fill f, g;
	long depth = 0;
	int rc = -1, wait;

	fill_init(&f, t, 0, n, window_ms);
	fill_init(&g, t, n, 1, window_ms);
	fill_run(&f);
	*next_window = 10 * f.rep.slowest_ms;
	if (f.rep.stop == STOP_FAIL) {
		obs_step_errno(o, f.rep.step, f.rep.err);
		goto out;
	}
	if (f.rep.stop != STOP_MAX) {
		/* Refused before n: a short queue, or only a slow handshake. */
		settle_pending(&f);
		if (f.rep.pending_connected)
			*slow = 1;
		/* Empty the queue either way (a retry starts from nothing); a
		 * "refused" client that turns up here was slow too. */
		if (drain(t, f.rep.made + *slow, &f.rep.pending_addr, window_ms, &depth, slow,
			  o) != 0)
			goto out;
		if (*slow) {
			rc = 0;
			goto out;
		}
		obs_word(o, "short");
		obs_note(o, "the queue took only %ld of the %ld connections before the shrink (%s)",
			 f.rep.made, n, probe_refusal_text((enum refusal)f.rep.how));
		goto out;
	}
	(void)lc_listen_token(t->listener, new_backlog, listen_result, len, NULL);
	/* The extra client waits as long as the slowest handshake asks. */
	wait = 10 * f.rep.slowest_ms;
	g.window_ms = wait > window_ms ? (wait > CONFIRM_MAX_MS ? CONFIRM_MAX_MS : wait) : window_ms;
	fill_run(&g);
	if (g.rep.stop == STOP_FAIL || g.rep.stop == STOP_FDS) {
		obs_step_errno(o, g.rep.stop == STOP_FAIL ? g.rep.step : "socket",
			       g.rep.stop == STOP_FAIL ? g.rep.err : EMFILE);
		goto out;
	}
	*admitted = g.rep.stop == STOP_MAX;
	settle_pending(&g);
	if (drain(t, n + *admitted, &g.rep.pending_addr, g.window_ms, &depth, slow, o) != 0)
		goto out;
	if (*slow || g.rep.pending_connected)
		*admitted = 1; /* it was slow, not refused: it got in */
	*slow = 0;
	*kept = depth - *admitted;
	rc = 0;
out:
	fill_close(&f);
	fill_close(&g);
	return rc;
}

int probe_shrink_pending(const struct probe_target *t, long n, int new_backlog,
			 char *listen_result, size_t len, long *kept, int *admitted,
			 struct obs *o)
{
	int window = CONFIRM_MIN_MS, attempt;

	for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		int slow = 0, next = 0;
		*kept = 0;
		*admitted = 0;
		if (shrink_once(t, n, new_backlog, window, listen_result, len, kept, admitted,
				&slow, &next, o) != 0)
			return -1;
		if (!slow)
			return 0;
		/* A connect before the shrink looked refused but was slow: the
		 * queue is drained, the listener still has the first backlog;
		 * try again with a longer wait. */
		window = longer_wait(window, next);
	}
	no_exact_count(o, window);
	return -1;
}

/* ---- a queue filled and kept full (the overflow.* cases) ---- */

/* More clients than any queue of backlog 1 holds (OpenBSD's floor of 80
 * gives 81). */
#define FULL_MAX 512

struct probe_full {
	struct fill f;
};

int probe_fill_full(const struct probe_target *t, struct probe_full **out, long *queued,
		    enum refusal *how, int *wait_ms, struct obs *o)
{
	int window = CONFIRM_MIN_MS, attempt;

	*out = NULL;
	for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		struct probe_full *p = calloc(1, sizeof *p);
		long depth = 0;
		int slow = 0;
		if (p == NULL) {
			obs_step_errno(o, "malloc", ENOMEM);
			return -1;
		}
		fill_init(&p->f, t, 0, FULL_MAX, window);
		fill_run(&p->f);
		if (p->f.rep.stop != STOP_REFUSED) {
			if (p->f.rep.stop == STOP_FAIL)
				obs_step_errno(o, p->f.rep.step, p->f.rep.err);
			else if (p->f.rep.stop == STOP_FDS)
				obs_step_errno(o, "socket", EMFILE);
			else
				obs_skip(o, "the queue of a listen(fd, 1) took %d connections and still "
					 "had room", FULL_MAX);
			probe_full_close(p);
			return -1;
		}
		settle_pending(&p->f);
		if (!p->f.rep.pending_connected) {
			*out = p;
			*queued = p->f.cl.n;
			*how = (enum refusal)p->f.rep.how;
			*wait_ms = silent_wait_ms(&p->f);
			return 0;
		}
		/* The client that looked refused was only slow: empty the
		 * queue and try again with a longer wait (as probe_depth). */
		fill_close(&p->f);
		if (drain(t, p->f.rep.made + 1, &p->f.rep.pending_addr, window, &depth, &slow, o) != 0) {
			free(p);
			return -1;
		}
		window = longer_wait(window, 10 * p->f.rep.slowest_ms);
		free(p);
	}
	no_exact_count(o, window);
	return -1;
}

void probe_full_close(struct probe_full *p)
{
	if (p == NULL)
		return;
	fill_close(&p->f);
	free(p);
}
