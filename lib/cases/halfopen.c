/* halfopen.c: holding handshakes half-open and counting them (see
 * halfopen.h). */
#define _POSIX_C_SOURCE 200809L
#include "halfopen.h"
#include "errnames.h"
#include "sockutil.h"
#include "sysdep.h"
#include "net.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A connect that neither completes nor is counted as dropped within this
 * long is a suite error (the bound of the whole step, not a wait that
 * decides anything: every outcome is confirmed by a count). */
#define DEADLINE_MS 5000
/* While neither has happened, how often the drop counter is read again
 * (poll returns at once when the connect completes meanwhile). */
#define RECHECK_MS 2

static int push(struct halfopen_fill *f, int fd)
{
	if (f->n == f->cap) {
		long cap = f->cap ? f->cap * 2 : 64;
		int *v = realloc(f->fd, (size_t)cap * sizeof *v);
		if (v == NULL)
			return -1;
		f->fd = v;
		f->cap = cap;
	}
	f->fd[f->n++] = fd;
	return 0;
}

void halfopen_release(struct halfopen_fill *f)
{
	long i;
	for (i = 0; i < f->n; i++) {
		/* A reset: the request socket goes at once, no TIME_WAIT. */
		sock_reset_on_close(f->fd[i]);
		net_close(f->fd[i]);
	}
	free(f->fd);
	f->fd = NULL;
	f->n = f->cap = 0;
}

static int counter(const char *name, long long *v, struct obs *o)
{
	if (sysdep_tcpext_counter(name, v) == 0)
		return 0;
	obs_skip(o, "cannot read TcpExt %s from /proc/net/netstat: no kernel count confirms "
		 "a dropped SYN here", name);
	return -1;
}

enum outcome { COMPLETED, DROPPED, FAILED };

/* What became of one non-blocking connect: completed (SO_ERROR 0), or
 * dropped (ListenDrops above drops0), or failed with o set. */
static enum outcome settle(int fd, long long drops0, struct obs *o)
{
	long t0 = lc_now_ms();
	for (;;) {
		struct pollfd p;
		long long d;
		p.fd = fd;
		p.events = POLLOUT;
		p.revents = 0;
		if (net_poll(&p, 1, 0) > 0) {
			int e = 0;
			socklen_t len = sizeof e;
			if (net_getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0)
				e = errno;
			if (e == 0)
				return COMPLETED;
			obs_step_errno(o, "connect", e);
			return FAILED;
		}
		if (counter("ListenDrops", &d, o) != 0)
			return FAILED;
		if (d > drops0)
			return DROPPED;
		if (lc_now_ms() - t0 > DEADLINE_MS) {
			obs_word(o, "error");
			obs_note(o, "a connect neither completed nor was counted as dropped "
				 "(ListenDrops) within %d ms", DEADLINE_MS);
			return FAILED;
		}
		(void)net_poll(&p, 1, RECHECK_MS);
	}
}

int halfopen_run(const struct probe_target *t, long max, long after_cookies,
		 struct halfopen_fill *f, struct obs *o)
{
	long long drops0, cookies0, reqq0, over0, v;
	char why[200];
	struct sockaddr_storage la;
	socklen_t llen = sizeof la;

	memset(f, 0, sizeof *f);
	if (counter("ListenDrops", &drops0, o) != 0 ||
	    counter("SyncookiesSent", &cookies0, o) != 0 ||
	    counter("TCPReqQFullDrop", &reqq0, o) != 0 ||
	    counter("ListenOverflows", &over0, o) != 0)
		return -1;
	memset(&la, 0, sizeof la);
	if (net_getsockname(t->listener, (struct sockaddr *)&la, &llen) != 0) {
		obs_step_errno(o, "getsockname", errno);
		return -1;
	}
	while (f->completed < max) {
		long long c;
		enum outcome r;
		int fd = net_socket(t->family, SOCK_STREAM, 0);
		if (fd < 0 || set_nonblocking(fd, 1) != 0) {
			int e = errno;
			if (fd >= 0)
				net_close(fd);
			if (e == EMFILE || e == ENFILE)
				obs_skip(o, "out of descriptors after %ld half-open clients", f->completed);
			else
				obs_step_errno(o, "socket", e);
			return -1;
		}
		if (net_connect(fd, (const struct sockaddr *)&t->addr, t->addrlen) == 0)
			r = COMPLETED;
		else if (errno == EINPROGRESS || errno == EINTR)
			r = settle(fd, drops0, o);
		else {
			obs_step_errno(o, "connect", errno);
			r = FAILED;
		}
		if (r == FAILED) {
			net_close(fd);
			return -1;
		}
		if (r == DROPPED) {
			/* Closed at once: in SYN_SENT nothing is sent, and its
			 * retried SYN cannot disturb a later count. */
			net_close(fd);
			f->refused = 1;
			break;
		}
		if (push(f, fd) != 0) {
			net_close(fd);
			obs_step_errno(o, "malloc", ENOMEM);
			return -1;
		}
		f->completed++;
		if (after_cookies >= 0) {
			if (counter("SyncookiesSent", &c, o) != 0)
				return -1;
			f->cookies = (long)(c - cookies0);
			if (f->cookies > 0 && f->cookies >= after_cookies)
				break;
		}
	}
	if (counter("SyncookiesSent", &v, o) != 0)
		return -1;
	f->cookies = (long)(v - cookies0);
	if (counter("ListenDrops", &v, o) != 0)
		return -1;
	f->drops = v - drops0;
	if (counter("TCPReqQFullDrop", &v, o) != 0)
		return -1;
	f->reqq_full = v - reqq0;
	if (counter("ListenOverflows", &v, o) != 0)
		return -1;
	f->overflows = v - over0;
	if (sysdep_syn_recv_count(t->family, sockaddr_port(&la), 0, &f->server_synrecv, why,
				  sizeof why) != 0) {
		obs_skip(o, "no server-side count of half-open connections: %s", why);
		return -1;
	}
	{
		long qlen, qlimit;
		struct pollfd p;
		if (sysdep_listen_queue(t->listener, &qlen, &qlimit) == 0) {
			f->accept_waiting = qlen;
		} else {
			p.fd = t->listener;
			p.events = POLLIN;
			p.revents = 0;
			f->accept_waiting = net_poll(&p, 1, 0) > 0;
		}
	}
	return 0;
}

int halfopen_agree(const struct halfopen_fill *f, long before, int held, struct obs *o)
{
	long queued = held ? 0 : f->completed - f->cookies;
	if (held && f->completed > 0 && f->server_synrecv == 0 && f->cookies == 0 &&
	    f->accept_waiting == before + f->completed) {
		/* Not one handshake held: the stack took the filter and ignores
		 * it for TCP (measured: gVisor), so the case cannot be staged. */
		obs_skip(o, "the listener's SO_ATTACH_FILTER was accepted but held no handshake: all "
			 "%ld connections completed into the accept queue (this stack does not "
			 "filter TCP segments with it)", f->completed);
		return -1;
	}
	if (f->accept_waiting != before + queued) {
		obs_word(o, "error");
		obs_note(o, "%s: %ld connection(s) in the accept queue, %ld expected",
			 held ? "the filter did not hold the handshakes" : "completed connections "
			 "missing from the accept queue", f->accept_waiting, before + queued);
		return -1;
	}
	if (f->completed != f->server_synrecv + f->cookies + queued) {
		obs_word(o, "error");
		obs_note(o, "client and server disagree: %ld clients connected, the server lists %ld "
			 "SYN_RECV, sent %ld cookies and queued %ld", f->completed, f->server_synrecv,
			 f->cookies, queued);
		return -1;
	}
	if (f->refused && f->drops != 1) {
		obs_word(o, "error");
		obs_note(o, "ListenDrops grew by %lld for one refused SYN", f->drops);
		return -1;
	}
	return 0;
}
