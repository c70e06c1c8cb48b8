/* lifecycle.c: a listener's life after listen() (the lifecycle.* cases).
 *
 * What a listener does when it is shut down, closed with connections
 * waiting, asked to bind or connect again, read and written with
 * SO_ACCEPTCONN, and a few listeners that are special: one whose connect()
 * was refused first, one that outlives a lower somaxconn, a dual-stack
 * IPv6 one, one on an abstract AF_UNIX name, and two SO_REUSEPORT twins.
 * Each observer's comment gives its token's grammar; every field is a word
 * from a small set or an errno name, so valid_*() can check a token
 * without running anything.  Every socket goes through net.h and lives in
 * the case's scene, so whatever happens the scene's cleanup closes it. */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "errnames.h"
#include "net.h"
#include "probe.h"
#include "sockutil.h"
#include "sysdep.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>
#include <netinet/in.h>

/* How long a connect, a read or a poll for a queued connection may take on
 * loopback before the answer counts as "none".  Only a broken or stalled
 * stack reaches it; nothing is decided by a shorter race. */
#define LIFE_WAIT_MS 2000
/* A TCP client whose SYN was dropped retries after the initial RTO (1 s on
 * Linux, RFC 6298); the waiting client of close-pending is given 3 s. */
#define LIFE_RETRY_MS 3000
/* How long a connect must stay unanswered to count as held in its
 * handshake (as sit_connecting). */
#define LIFE_HELD_MS 100

static const char *errtok(int e, char *buf, size_t len)
{
	return errno_name(e, buf, len);
}

/* Closes a client now; TCP with a reset, so no TIME_WAIT is left. */
static void drop_client(struct scene *s, int fd, int tcp)
{
	if (fd < 0)
		return;
	if (tcp)
		sock_reset_on_close(fd);
	scene_drop(s, fd);
}

static int is_tcp(const struct lc_case *c)
{
	return c->family != AF_UNIX;
}

/* Waits up to ms for events on fd; the revents, or 0 when none came. */
static int wait_for(int fd, short events, int ms)
{
	struct pollfd p;
	p.fd = fd;
	p.events = events;
	p.revents = 0;
	if (net_poll(&p, 1, ms) <= 0)
		return 0;
	return p.revents;
}

/* A non-blocking connect from fd to a, given ms to finish: writes ok, the
 * errno name, or silent (no answer in time) into tok.  Returns 0 for ok. */
static int connect_outcome(int fd, const struct sockaddr_storage *a, socklen_t alen, int ms,
			   char *tok, size_t len)
{
	char e[32];
	int err = 0;
	socklen_t elen = sizeof err;

	if (set_nonblocking(fd, 1) != 0) {
		snprintf(tok, len, "%s", errtok(errno, e, sizeof e));
		return -1;
	}
	if (net_connect(fd, (const struct sockaddr *)a, alen) == 0) {
		snprintf(tok, len, "ok");
		return 0;
	}
	if (errno != EINPROGRESS && errno != EINTR) {
		snprintf(tok, len, "%s", errtok(errno, e, sizeof e));
		return -1;
	}
	if (wait_for(fd, POLLOUT, ms) == 0) {
		snprintf(tok, len, "silent");
		return -1;
	}
	if (net_getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0)
		err = errno;
	if (err == 0) {
		snprintf(tok, len, "ok");
		return 0;
	}
	snprintf(tok, len, "%s", errtok(err, e, sizeof e));
	return -1;
}

/* A new client of the case's kind, kept in the scene. */
static int client(const struct lc_case *c, struct scene *s, struct obs *o)
{
	return make_socket(s, c->family, c->type, c->protocol, o);
}

/* A client connected (blocking) to the listener at a, and the listener
 * shows the connection queued (readable) within LIFE_WAIT_MS. */
static int queued_client(const struct lc_case *c, struct scene *s, int listener,
			 const struct sockaddr_storage *a, socklen_t alen, struct obs *o)
{
	int fd = client(c, s, o);
	if (fd < 0)
		return -1;
	if (net_connect(fd, (const struct sockaddr *)a, alen) != 0) {
		obs_step_errno(o, "connect", errno);
		return -1;
	}
	if ((wait_for(listener, POLLIN, LIFE_WAIT_MS) & POLLIN) == 0) {
		obs_word(o, "error");
		obs_note(o, "a connected client was not queued within %d ms", LIFE_WAIT_MS);
		return -1;
	}
	return fd;
}

/* Is the listener's own address still loopback (or a path)?  A listener
 * that moved elsewhere (a stack that forgot the bound address) is closed
 * at once: the suite never leaves a listener off loopback. */
static int still_loopback(struct scene *s, int fd, struct sockaddr_storage *now, socklen_t *nlen)
{
	*nlen = sizeof *now;
	memset(now, 0, sizeof *now);
	if (net_getsockname(fd, (struct sockaddr *)now, nlen) != 0)
		return 1;
	if (now->ss_family == AF_INET &&
	    ((const struct sockaddr_in *)now)->sin_addr.s_addr != htonl(INADDR_LOOPBACK) &&
	    !sysdep_in_private_netns()) {
		scene_drop(s, fd);
		return 0;
	}
	if (now->ss_family == AF_INET6 &&
	    !IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)now)->sin6_addr) &&
	    !sysdep_in_private_netns()) {
		scene_drop(s, fd);
		return 0;
	}
	return 1;
}

static int same_addr(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return 0;
	if (a->ss_family == AF_UNIX)
		return strcmp(((const struct sockaddr_un *)a)->sun_path,
			      ((const struct sockaddr_un *)b)->sun_path) == 0;
	if (a->ss_family != AF_INET && a->ss_family != AF_INET6)
		/* vsock (no port sockaddr_port knows): the whole address,
		 * both zeroed before getsockname() filled them */
		return memcmp(a, b, sizeof *a) == 0;
	return sockaddr_port(a) == sockaddr_port(b);
}

/* ---- token grammars ---- */

/* Splits t at commas into at most max fields of up to 31 characters. */
static int fields(const char *t, char f[][32], int max)
{
	int n = 0;
	while (n < max) {
		const char *comma = strchr(t, ',');
		size_t len = comma != NULL ? (size_t)(comma - t) : strlen(t);
		if (len == 0 || len >= 32)
			return -1;
		memcpy(f[n], t, len);
		f[n][len] = '\0';
		n++;
		if (comma == NULL)
			return n;
		t = comma + 1;
	}
	return -1;
}

static int one_of(const char *f, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(f, *words) == 0)
			return 1;
	return 0;
}

static int is_errno_or(const char *f, const char *const *words)
{
	return errno_name_known(f) || one_of(f, words);
}

static int is_count(const char *f)
{
	if (!isdigit((unsigned char)*f))
		return 0;
	while (isdigit((unsigned char)*f))
		f++;
	return *f == '\0';
}

/* ---- shutdown() on a listener ----
 *
 * Token SHUT,ACCEPT,CONNECT,ACCEPTCONN,RELISTEN,PORT,AFTER, after
 * listen(5) with one connection queued, then shutdown(how):
 *   SHUT        what shutdown() returned: ok or the errno name
 *   ACCEPT      a non-blocking accept(): ok (it handed out a connection,
 *               the queued one), or the errno name (EAGAIN, EINVAL, ...)
 *   CONNECT     a new client's non-blocking connect(), LIFE_WAIT_MS to
 *               finish: ok, the errno name, or silent
 *   ACCEPTCONN  SO_ACCEPTCONN now: 1 or 0 (the errno name if unreadable)
 *   RELISTEN    listen(5) again: ok, the errno name or bad-return
 *   PORT        the listener's address after it: same or moved (another
 *               port; an AF_UNIX path cannot move); - when RELISTEN failed;
 *               off-loopback when it left loopback (closed at once)
 *   AFTER       a client's connect() to the address it now has: ok, the
 *               errno name or silent; - when RELISTEN failed */
static const char *const connect_words[] = {"ok", "silent", NULL};
static const char *const bit_words[] = {"0", "1", NULL};
static const char *const listen_tok_words[] = {"ok", "bad-return", NULL};
static const char *const port_move_words[] = {"same", "moved", "-", "off-loopback", NULL};
static const char *const after_words[] = {"ok", "silent", "-", NULL};

static void do_shutdown(const struct lc_case *c, struct scene *s, struct obs *o)
{
	static const int how[] = {SHUT_RD, SHUT_WR, SHUT_RDWR};
	char shut[32], acc[32], con[32], bit[32], rel[32], port[16] = "-", after[32] = "-", e[32];
	struct sockaddr_storage now;
	socklen_t nlen;
	int a, b, v = 0, fd = s->fd;
	socklen_t vlen = sizeof v;

	if (lc_listen(fd, 5, "listen", o) != 0)
		return;
	if ((a = queued_client(c, s, fd, &s->addr, s->addrlen, o)) < 0)
		return;
	if (net_shutdown(fd, how[c->variant]) == 0)
		snprintf(shut, sizeof shut, "ok");
	else
		snprintf(shut, sizeof shut, "%s", errtok(errno, e, sizeof e));
	if (set_nonblocking(fd, 1) != 0) {
		obs_step_errno(o, "fcntl", errno);
		return;
	}
	b = net_accept(fd, NULL, NULL);
	if (b >= 0) {
		snprintf(acc, sizeof acc, "ok");
		scene_keep(s, b);
		drop_client(s, b, is_tcp(c));
	} else
		snprintf(acc, sizeof acc, "%s", errtok(errno, e, sizeof e));
	(void)set_nonblocking(fd, 0);
	if ((b = client(c, s, o)) < 0)
		return;
	(void)connect_outcome(b, &s->addr, s->addrlen, LIFE_WAIT_MS, con, sizeof con);
	drop_client(s, b, is_tcp(c));
	if (net_getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &vlen) == 0)
		snprintf(bit, sizeof bit, "%d", v != 0);
	else
		snprintf(bit, sizeof bit, "%s", errtok(errno, e, sizeof e));
	if (lc_listen_token(fd, 5, rel, sizeof rel, NULL) == 0) {
		if (!still_loopback(s, fd, &now, &nlen)) {
			s->fd = -1;
			snprintf(port, sizeof port, "off-loopback");
		} else {
			snprintf(port, sizeof port, "%s", same_addr(&now, &s->addr) ? "same" : "moved");
			if ((b = client(c, s, o)) < 0)
				return;
			(void)connect_outcome(b, &now, nlen, LIFE_WAIT_MS, after, sizeof after);
			drop_client(s, b, is_tcp(c));
			if (now.ss_family == AF_INET || now.ss_family == AF_INET6)
				obs_note(o, "port %u before, %u after the second listen()",
					 sockaddr_port(&s->addr), sockaddr_port(&now));
		}
	}
	drop_client(s, a, is_tcp(c));
	{
		char t[7 * 32 + 8];
		snprintf(t, sizeof t, "%s,%s,%s,%s,%s,%s,%s", shut, acc, con, bit, rel, port, after);
		if (strlen(t) >= sizeof o->token) {
			obs_word(o, "error");
			obs_note(o, "token too long: %s", t);
		} else
			memcpy(o->token, t, strlen(t) + 1);
	}
}

static int valid_shutdown(const char *t)
{
	char f[7][32];
	return fields(t, f, 7) == 7 && is_errno_or(f[0], listen_tok_words) &&
	       is_errno_or(f[1], connect_words) && is_errno_or(f[2], connect_words) &&
	       is_errno_or(f[3], bit_words) && is_errno_or(f[4], listen_tok_words) &&
	       one_of(f[5], port_move_words) && is_errno_or(f[6], after_words);
}

const struct observer observe_life_shutdown = {"life-shutdown", do_shutdown, NULL, 0,
					       valid_shutdown};

/* ---- close() with connections waiting ----
 *
 * Token READ,WRITE,HANDSHAKE.  listen(0); one client connects and waits in
 * the queue; for TCP a second client's connect is then held in its
 * handshake (the full queue leaves its SYN unanswered for LIFE_HELD_MS, or
 * the kernel's count shows the queue full); then the listener is closed.
 *   READ       the waiting client's read() (after up to LIFE_WAIT_MS for an
 *              event): eof, data, the errno name, or open (no event: it
 *              still looks connected)
 *   WRITE      then a one-byte write() (SIGPIPE ignored): ok or the errno
 *   HANDSHAKE  the held client, given LIFE_RETRY_MS (its SYN is retried
 *              after the initial RTO): ok, the errno name or silent; -
 *              for AF_UNIX (no handshake) or when none could be held (the
 *              note says so) */
static const char *const read_words[] = {"eof", "data", "open", NULL};
static const char *const write_words[] = {"ok", "-", NULL};
static const char *const hs_words[] = {"ok", "silent", "-", NULL};

static void do_close_pending(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char rd[32], wr[32] = "-", hs[32] = "-", e[32];
	struct sigaction ign, old;
	long qlen, qlimit;
	int a, b = -1, fd = s->fd;
	char byte = 'x';
	ssize_t n;

	if (lc_listen(fd, 0, "listen", o) != 0)
		return;
	if ((a = queued_client(c, s, fd, &s->addr, s->addrlen, o)) < 0)
		return;
	if (is_tcp(c)) {
		if ((b = client(c, s, o)) < 0)
			return;
		if (set_nonblocking(b, 1) != 0) {
			obs_step_errno(o, "fcntl", errno);
			return;
		}
		int r = net_connect(b, (const struct sockaddr *)&s->addr, s->addrlen);
		if (r == 0 || (errno != EINPROGRESS && errno != EINTR)) {
			obs_note(o, "the second client's connect did not stay in progress (%s): no "
				 "handshake staged", r == 0 ? "connected" : errtok(errno, e, sizeof e));
			drop_client(s, b, 1);
			b = -1;
		} else if (!(wait_for(b, POLLOUT, 0) == 0 &&
			     sysdep_listen_queue(fd, &qlen, &qlimit) == 0 && qlen > qlimit) &&
			   wait_for(b, POLLOUT, LIFE_HELD_MS) != 0) {
			int err = 0;
			socklen_t elen = sizeof err;
			(void)net_getsockopt(b, SOL_SOCKET, SO_ERROR, &err, &elen);
			obs_note(o, "the second client's connect was answered (%s): no handshake "
				 "staged", err == 0 ? "connected" : errtok(err, e, sizeof e));
			drop_client(s, b, 1);
			b = -1;
		}
	}
	scene_drop(s, fd);
	s->fd = -1;
	if (wait_for(a, POLLIN, LIFE_WAIT_MS) == 0)
		snprintf(rd, sizeof rd, "open");
	else if ((n = net_read(a, &byte, 1)) > 0)
		snprintf(rd, sizeof rd, "data");
	else if (n == 0)
		snprintf(rd, sizeof rd, "eof");
	else
		snprintf(rd, sizeof rd, "%s", errtok(errno, e, sizeof e));
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	if (sigaction(SIGPIPE, &ign, &old) == 0) {
		if (net_write(a, &byte, 1) == 1)
			snprintf(wr, sizeof wr, "ok");
		else
			snprintf(wr, sizeof wr, "%s", errtok(errno, e, sizeof e));
		(void)sigaction(SIGPIPE, &old, NULL);
	}
	if (b >= 0) {
		int err = 0;
		socklen_t elen = sizeof err;
		if (wait_for(b, POLLOUT, LIFE_RETRY_MS) == 0)
			snprintf(hs, sizeof hs, "silent");
		else if (net_getsockopt(b, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0)
			snprintf(hs, sizeof hs, "%s", errtok(err ? err : errno, e, sizeof e));
		else
			snprintf(hs, sizeof hs, "ok");
		drop_client(s, b, 1);
	}
	drop_client(s, a, is_tcp(c));
	snprintf(o->token, sizeof o->token, "%s,%s,%s", rd, wr, hs);
}

static int valid_close_pending(const char *t)
{
	char f[3][32];
	return fields(t, f, 3) == 3 && is_errno_or(f[0], read_words) &&
	       is_errno_or(f[1], write_words) && is_errno_or(f[2], hs_words);
}

const struct observer observe_life_close_pending = {"life-close-pending", do_close_pending,
						    NULL, 0, valid_close_pending};

long lifecycle_wait_ms(const struct lc_case *c)
{
	/* The held client's SYN is retried after the initial RTO (1 s). */
	if (c->observer == &observe_life_close_pending && is_tcp(c))
		return 1000;
	return 0;
}

/* ---- bind() and connect() on a listener ---- */

static const char *const call_words[] = {"bad-return", NULL};

/* Token: what bind() to a fresh loopback address (port 0, or a new path)
 * returned on a listening socket: ok or the errno name. */
static void do_bind_after(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage a;
	socklen_t alen;
	if (lc_listen(s->fd, 5, "listen", o) != 0 || loopback_addr(c->family, &a, &alen, o) != 0)
		return;
	if (net_bind(s->fd, (struct sockaddr *)&a, alen) == 0) {
		if (c->family == AF_UNIX)
			scene_keep_path(s, ((struct sockaddr_un *)&a)->sun_path);
		obs_ok(o);
	} else
		obs_errno(o, errno);
}

const struct observer observe_life_bind = {"life-bind", do_bind_after, call_words, 0, NULL};

/* Token: what connect() from a listening socket to another loopback
 * listener of its kind did (non-blocking, LIFE_WAIT_MS to finish): ok, the
 * errno name, or silent. */
static const char *const connect_tok_words[] = {"silent", NULL};

static void do_connect_after(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage ta;
	socklen_t tlen;
	if (lc_listen(s->fd, 5, "listen", o) != 0 ||
	    listening_socket_proto(s, c->family, c->type, c->protocol, 5, &ta, &tlen, o) < 0)
		return;
	(void)connect_outcome(s->fd, &ta, tlen, LIFE_WAIT_MS, o->token, sizeof o->token);
}

const struct observer observe_life_connect = {"life-connect", do_connect_after,
					      connect_tok_words, 0, NULL};

/* ---- SO_ACCEPTCONN beyond the listener ---- */

static const char *const set_words[] = {"set", "unset", NULL};

/* Token: SO_ACCEPTCONN on the socket accept() returned: unset (0), set
 * (non-zero), or the errno name when it cannot be read. */
static void do_acceptconn_accepted(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int v = 0, a;
	socklen_t vlen = sizeof v;
	if (lc_listen(s->fd, 5, "listen", o) != 0 ||
	    queued_client(c, s, s->fd, &s->addr, s->addrlen, o) < 0)
		return;
	a = net_accept(s->fd, NULL, NULL);
	if (a < 0) {
		obs_step_errno(o, "accept", errno);
		return;
	}
	scene_keep(s, a);
	if (net_getsockopt(a, SOL_SOCKET, SO_ACCEPTCONN, &v, &vlen) != 0)
		obs_errno(o, errno);
	else
		obs_word(o, v ? "set" : "unset");
}

const struct observer observe_life_acceptconn_accepted = {
	"life-acceptconn-accepted", do_acceptconn_accepted, set_words, 0, NULL};

/* Token: setsockopt(SO_ACCEPTCONN, 1) on a bound socket that is not
 * listening: ok or the errno name (the note says what it reads after). */
static void do_acceptconn_set(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int one = 1, v = 0;
	socklen_t vlen = sizeof v;
	(void)c;
	if (net_setsockopt(s->fd, SOL_SOCKET, SO_ACCEPTCONN, &one, sizeof one) != 0) {
		obs_errno(o, errno);
		return;
	}
	obs_ok(o);
	if (net_getsockopt(s->fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &vlen) == 0)
		obs_note(o, "SO_ACCEPTCONN reads %d afterwards", v);
}

const struct observer observe_life_acceptconn_set = {"life-acceptconn-set", do_acceptconn_set,
						     call_words, 0, NULL};

/* ---- listen() twice on a connected socket ----
 *
 * Token FIRST,SECOND: a client bound to an address of its own, connected
 * to a loopback listener, then listen(5) twice: what each returned (ok,
 * the errno name, or bad-return).  A port once let the first succeed and
 * failed the second with EADDRINUSE. */
static void do_connected_twice(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage la, ca;
	socklen_t llen, clen;
	char first[32], second[32];
	int cfd;
	if (listening_socket_proto(s, c->family, c->type, c->protocol, 5, &la, &llen, o) < 0)
		return;
	cfd = bound_socket_proto(s, c->family, c->type, c->protocol, &ca, &clen, o);
	if (cfd < 0)
		return;
	if (net_connect(cfd, (struct sockaddr *)&la, llen) != 0) {
		obs_step_errno(o, "connect", errno);
		return;
	}
	(void)lc_listen_token(cfd, 5, first, sizeof first, NULL);
	(void)lc_listen_token(cfd, 5, second, sizeof second, NULL);
	snprintf(o->token, sizeof o->token, "%s,%s", first, second);
}

static int valid_twice(const char *t)
{
	char f[2][32];
	return fields(t, f, 2) == 2 && is_errno_or(f[0], listen_tok_words) &&
	       is_errno_or(f[1], listen_tok_words);
}

const struct observer observe_life_connected_twice = {"life-connected-twice",
						      do_connected_twice, NULL, 0, valid_twice};

/* ---- listen() after a refused connect() (TCP) ----
 *
 * Token LISTEN,PORT: a TCP socket bound to 127.0.0.1 port 0 (so it cannot
 * fall back to the wildcard address) connects to a loopback port where a
 * socket is bound but nothing listens; once that is refused (anything else
 * is connect:ERRNO, or the word connected), listen(5):
 *   LISTEN  ok, the errno name, or bad-return
 *   PORT    the port getsockname() shows afterwards (after the listen()
 *           when it succeeded): same (the port bind() gave), moved
 *           (another), none (port 0), off-loopback when a listener left
 *           loopback (closed at once) */
static const char *const refused_words[] = {"connected", NULL};

static void do_after_refused(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage ta, now;
	socklen_t tlen, nlen;
	char lis[32], port[16];
	unsigned mid, before = sockaddr_port(&s->addr);

	if (bound_socket_proto(s, c->family, c->type, c->protocol, &ta, &tlen, o) < 0)
		return;
	if (net_connect(s->fd, (struct sockaddr *)&ta, tlen) == 0) {
		obs_word(o, "connected");
		return;
	}
	if (errno != ECONNREFUSED) {
		obs_step_errno(o, "connect", errno);
		return;
	}
	nlen = sizeof now;
	memset(&now, 0, sizeof now);
	(void)net_getsockname(s->fd, (struct sockaddr *)&now, &nlen);
	mid = sockaddr_port(&now);
	if (lc_listen_token(s->fd, 5, lis, sizeof lis, NULL) == 0 &&
	    !still_loopback(s, s->fd, &now, &nlen)) {
		s->fd = -1;
		snprintf(port, sizeof port, "off-loopback");
	} else {
		nlen = sizeof now;
		memset(&now, 0, sizeof now);
		(void)net_getsockname(s->fd, (struct sockaddr *)&now, &nlen);
		snprintf(port, sizeof port, "%s", sockaddr_port(&now) == 0 ? "none"
			 : sockaddr_port(&now) == before ? "same" : "moved");
		obs_note(o, "port %u after bind(), %u after the refused connect(), %u after "
			 "listen()", before, mid, sockaddr_port(&now));
	}
	snprintf(o->token, sizeof o->token, "%s,%s", lis, port);
}

static int valid_after_refused(const char *t)
{
	static const char *const ports[] = {"same", "moved", "none", "off-loopback", NULL};
	char f[2][32];
	return fields(t, f, 2) == 2 && is_errno_or(f[0], listen_tok_words) && one_of(f[1], ports);
}

const struct observer observe_life_after_refused = {"life-after-refused", do_after_refused,
						    refused_words, 0, valid_after_refused};

/* ---- somaxconn lowered after listen() ---- */

/* The backlog, and the somaxconn set after listen() (inside the case's own
 * namespace). */
#define LOWERED_BACKLOG 8
#define LOWERED_SOMAXCONN "2"

static void count(const struct lc_case *c, int fd, const struct sockaddr_storage *a,
		  socklen_t alen, struct obs *o)
{
	struct probe_target t;
	struct probe_result r;
	probe_target_set(&t, fd, c->family, c->type, c->protocol, a, alen);
	if (probe_depth(&t, &r, o) == 0)
		obs_int(o, r.depth);
}

/* Token: the depth (the probe's count) of a listener made with listen(8),
 * after net.core.somaxconn was lowered to 2 in its private namespace. */
static void do_somaxconn_lowered(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char why[200];
	if (lc_listen(s->fd, LOWERED_BACKLOG, "listen", o) != 0)
		return;
	if (sysdep_netns_write("net/core/somaxconn", LOWERED_SOMAXCONN, why, sizeof why) != 0) {
		obs_skip(o, "%s", why);
		return;
	}
	count(c, s->fd, &s->addr, s->addrlen, o);
	if (!obs_is_skip(o))
		obs_note(o, "listen(%d), then somaxconn %s", LOWERED_BACKLOG, LOWERED_SOMAXCONN);
}

const struct observer observe_life_somaxconn_lowered = {"life-somaxconn-lowered",
							do_somaxconn_lowered, NULL, 1, NULL};

/* ---- one IPv6 listener for IPv4-mapped and IPv6 clients ---- */

#define DUAL_BACKLOG 3
#define DUAL_V4_CLIENTS 2

/* The listener: TCP/IPv6 on the wildcard address with IPV6_V6ONLY off.  A
 * wildcard listener is made only inside the case's private namespace. */
int sit_dual_stack(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_in6 *a = (struct sockaddr_in6 *)&s->addr;
	int off = 0, fd;
	if (!sysdep_in_private_netns()) {
		obs_skip(o, "a wildcard listener is made only inside a private network namespace");
		return -1;
	}
	if ((fd = make_socket(s, AF_INET6, c->type, c->protocol, o)) < 0)
		return -1;
	if (net_setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) != 0) {
		obs_step_errno(o, "setsockopt", errno);
		return -1;
	}
	memset(&s->addr, 0, sizeof s->addr);
	a->sin6_family = AF_INET6;
	a->sin6_addr = in6addr_any;
	s->addrlen = sizeof *a;
	if (net_bind(fd, (struct sockaddr *)a, s->addrlen) != 0 ||
	    net_getsockname(fd, (struct sockaddr *)&s->addr, &s->addrlen) != 0) {
		obs_step_errno(o, "bind", errno);
		return -1;
	}
	s->fd = fd;
	return 0;
}

/* Token: listen(3); two IPv4 clients connect to 127.0.0.1 and wait; then
 * the probe fills with IPv6 clients to ::1 and counts everything accept()
 * hands out, the IPv4 ones included: one queue gives depth(3), separate
 * queues would give more. */
static void do_dual_stack(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage v4, v6;
	struct sockaddr_in *in = (struct sockaddr_in *)&v4;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&v6;
	struct lc_case c4 = *c;
	int i;

	if (lc_listen(s->fd, DUAL_BACKLOG, "listen", o) != 0)
		return;
	memset(&v4, 0, sizeof v4);
	in->sin_family = AF_INET;
	in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	in->sin_port = htons((unsigned short)sockaddr_port(&s->addr));
	c4.family = AF_INET;
	for (i = 0; i < DUAL_V4_CLIENTS; i++)
		if (queued_client(&c4, s, s->fd, &v4, sizeof *in, o) < 0)
			return;
	memset(&v6, 0, sizeof v6);
	in6->sin6_family = AF_INET6;
	in6->sin6_addr = in6addr_loopback;
	in6->sin6_port = in->sin_port;
	count(c, s->fd, &v6, sizeof *in6, o);
	if (!obs_is_skip(o))
		obs_note(o, "listen(%d) on [::]; %d IPv4 clients first, then IPv6 until refused",
			 DUAL_BACKLOG, DUAL_V4_CLIENTS);
}

const struct observer observe_life_dual_stack = {"life-dual-stack", do_dual_stack, NULL, 1, NULL};

/* ---- an abstract AF_UNIX name (Linux) ----
 *
 * Token DEPTH,REBIND: listen(5) on an abstract name, the probe's count,
 * and what bind() of a second socket to the same name returned (ok or the
 * errno name; for a path name it is EADDRINUSE).  Runs in a private
 * network namespace, whose abstract names are its own. */
static int abstract_addr(struct sockaddr_storage *ss, socklen_t *len)
{
	static unsigned counter;
	struct sockaddr_un *un = (struct sockaddr_un *)ss;
	int n;
	memset(ss, 0, sizeof *ss);
	un->sun_family = AF_UNIX;
	n = snprintf(un->sun_path + 1, sizeof un->sun_path - 1, "listen-conformance.%ld.%u",
		     (long)getpid(), counter++);
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
	return 0;
}

int sit_abstract(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char why[200];
	int fd;
	if (!sysdep_abstract_unix(why, sizeof why)) {
		obs_skip(o, "%s", why);
		return -1;
	}
	abstract_addr(&s->addr, &s->addrlen);
	if ((fd = make_socket(s, AF_UNIX, c->type, 0, o)) < 0)
		return -1;
	if (net_bind(fd, (struct sockaddr *)&s->addr, s->addrlen) != 0) {
		obs_step_errno(o, "bind", errno);
		return -1;
	}
	s->fd = fd;
	return 0;
}

static void do_abstract(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char rebind[32];
	long depth;
	int twin;
	if (lc_listen(s->fd, 5, "listen", o) != 0)
		return;
	count(c, s->fd, &s->addr, s->addrlen, o);
	if (obs_is_skip(o) || !is_count(o->token))
		return;
	depth = strtol(o->token, NULL, 10);
	if ((twin = make_socket(s, AF_UNIX, c->type, 0, o)) < 0)
		return;
	if (net_bind(twin, (struct sockaddr *)&s->addr, s->addrlen) == 0)
		snprintf(rebind, sizeof rebind, "ok");
	else {
		char e[32];
		snprintf(rebind, sizeof rebind, "%s", errtok(errno, e, sizeof e));
	}
	snprintf(o->token, sizeof o->token, "%ld,%s", depth, rebind);
}

static int valid_abstract(const char *t)
{
	static const char *const ok[] = {"ok", NULL};
	char f[2][32];
	return fields(t, f, 2) == 2 && is_count(f[0]) && is_errno_or(f[1], ok);
}

const struct observer observe_life_abstract = {"life-abstract", do_abstract, NULL, 0,
					       valid_abstract};

/* ---- two SO_REUSEPORT listeners on one port (TCP) ----
 *
 * Token LISTEN,D1,D2: two sockets with SO_REUSEPORT bound to one loopback
 * address and port; the first listens with backlog 2, then the second
 * (LISTEN: ok, the errno name or bad-return; D1, D2 are - when it failed).
 * Clients connect one at a time, none accepted.  The stack spreads them
 * (Linux by a hash of the four-tuple), so a client may be refused by one
 * full member while the other still has room: a refused client is closed
 * at once (so its retried SYN cannot get in later) and filling goes on
 * until both members' queues are full, as the kernel counts them
 * (sysdep_listen_queue), or, where the kernel does not count,
 * REUSE_REFUSALS refusals in a row.  Then each member is drained on its
 * own: D1 and D2 are what accept() hands out on each. */
#define REUSE_BACKLOG 2
#define REUSE_MAX_CLIENTS 64
#define REUSE_REFUSALS 16

/* Is the member's queue full, as the kernel counts it?  The count is
 * trusted only when the kernel reports the backlog the member was given
 * (gVisor's TCP_INFO reports 0 for both). */
static int full(int fd, int *known)
{
	long qlen, qlimit;
	if (sysdep_listen_queue(fd, &qlen, &qlimit) != 0 || qlimit != REUSE_BACKLOG) {
		*known = 0;
		return 0;
	}
	*known = 1;
	return qlen > qlimit;
}

static long drain_count(struct scene *s, int fd)
{
	long n = 0;
	int a;
	if (set_nonblocking(fd, 1) != 0)
		return -1;
	while ((a = net_accept(fd, NULL, NULL)) >= 0 || errno == EINTR || errno == ECONNABORTED) {
		if (a >= 0) {
			n++;
			scene_keep(s, a);
			drop_client(s, a, 1);
		}
	}
	return n;
}

static void do_reuseport(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage a;
	socklen_t alen;
	char lis[32], why[200];
	int fd[2], i, made = 0, refused_run = 0, known = 1, connected = 0;
	long d1, d2;

	if (loopback_addr(c->family, &a, &alen, o) != 0)
		return;
	for (i = 0; i < 2; i++) {
		if ((fd[i] = make_socket(s, c->family, c->type, c->protocol, o)) < 0)
			return;
		if (sysdep_reuseport(fd[i], why, sizeof why) != 0) {
			obs_skip(o, "%s", why);
			return;
		}
		if (net_bind(fd[i], (struct sockaddr *)&a, alen) != 0 ||
		    net_getsockname(fd[i], (struct sockaddr *)&a, &alen) != 0) {
			obs_step_errno(o, i == 0 ? "bind" : "bind2", errno);
			return;
		}
	}
	if (lc_listen(fd[0], REUSE_BACKLOG, "listen", o) != 0)
		return;
	if (lc_listen_token(fd[1], REUSE_BACKLOG, lis, sizeof lis, NULL) != 0) {
		snprintf(o->token, sizeof o->token, "%s,-,-", lis);
		return;
	}
	while (made < REUSE_MAX_CLIENTS) {
		int k0, k1, f0 = full(fd[0], &k0), f1 = full(fd[1], &k1), cl, r;
		known = k0 && k1;
		if (known ? (f0 && f1) : refused_run >= REUSE_REFUSALS)
			break;
		if ((cl = client(c, s, o)) < 0)
			return;
		made++;
		if (set_nonblocking(cl, 1) != 0) {
			obs_step_errno(o, "fcntl", errno);
			return;
		}
		r = net_connect(cl, (struct sockaddr *)&a, alen);
		if (r != 0 && errno != EINPROGRESS && errno != EINTR) {
			if (errno != ECONNREFUSED) {
				obs_step_errno(o, "connect", errno);
				return;
			}
			drop_client(s, cl, 1);
			refused_run++;
			continue;
		}
		/* Unanswered at once: refused by a full member when the kernel
		 * counts one full (Linux answers a loopback SYN within
		 * connect(), as the depth probe relies on), else given the
		 * wait. */
		if (r != 0 && wait_for(cl, POLLOUT, 0) == 0) {
			int held = known && (full(fd[0], &k0) || full(fd[1], &k1));
			if (held || wait_for(cl, POLLOUT, LIFE_HELD_MS) == 0) {
				drop_client(s, cl, 1);
				refused_run++;
				continue;
			}
		}
		{
			int err = 0;
			socklen_t elen = sizeof err;
			if (net_getsockopt(cl, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0) {
				drop_client(s, cl, 1);
				refused_run++;
				continue;
			}
		}
		refused_run = 0;
		connected++;
		if (s->nfds >= SCENE_MAX_FDS - 4) {
			obs_word(o, "error");
			obs_note(o, "more than %d clients were queued", connected);
			return;
		}
	}
	if (made >= REUSE_MAX_CLIENTS) {
		obs_word(o, "error");
		obs_note(o, "%d clients made, %d queued, and the members did not both fill", made,
			 connected);
		return;
	}
	/* Let the last handshakes land before counting. */
	(void)wait_for(fd[0], POLLIN, 0);
	d1 = drain_count(s, fd[0]);
	d2 = drain_count(s, fd[1]);
	if (d1 < 0 || d2 < 0) {
		obs_step_errno(o, "fcntl", errno);
		return;
	}
	snprintf(o->token, sizeof o->token, "ok,%ld,%ld", d1, d2);
	obs_note(o, "%d clients, %d connected; %s", made, connected,
		 known ? "filled until the kernel counted both queues full"
		       : "filled until 16 refusals in a row (the kernel does not count)");
	if (d1 + d2 != connected)
		obs_note(o, "%d clients connected but %ld were accepted", connected, d1 + d2);
}

static int valid_reuseport(const char *t)
{
	static const char *const dash[] = {"-", NULL};
	char f[3][32];
	if (fields(t, f, 3) != 3 || !is_errno_or(f[0], listen_tok_words))
		return 0;
	if (strcmp(f[0], "ok") == 0)
		return is_count(f[1]) && is_count(f[2]);
	return one_of(f[1], dash) && one_of(f[2], dash);
}

const struct observer observe_life_reuseport = {"life-reuseport", do_reuseport, NULL, 0,
						valid_reuseport};
