/* protocols.c: the socket kinds beyond TCP and AF_UNIX (see protocols.h),
 * and the observers that only they need. */
#define _POSIX_C_SOURCE 200809L
#include "protocols.h"
#include "errnames.h"
#include "sockutil.h"
#include "sysdep.h"
#include "net.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* How long a client of these observers may take to connect (an SCTP
 * association is a four-way handshake; under User-mode Linux each step is
 * slow). */
#define CONNECT_WAIT_MS 5000

static const char *family_text(int family, char *buf, size_t len)
{
	if (family == AF_INET)
		return "AF_INET";
	if (family == AF_INET6)
		return "AF_INET6";
	if (family == AF_UNIX)
		return "AF_UNIX";
#ifdef AF_VSOCK
	if (family == AF_VSOCK)
		return "AF_VSOCK";
#endif
	snprintf(buf, len, "family %d", family);
	return buf;
}

static const char *protocol_text(int protocol, char *buf, size_t len)
{
	if (protocol == 132)
		return "IPPROTO_SCTP";
	if (protocol == 262)
		return "IPPROTO_MPTCP";
	snprintf(buf, len, "%d", protocol);
	return buf;
}

static const char *kind_title(const struct lc_case *c)
{
	if (c->protocol == 262)
		return "MPTCP";
	if (c->protocol == 132)
		return c->type == SOCK_SEQPACKET ? "one-to-many SCTP" : "one-to-one SCTP";
	if (c->family != AF_INET && c->family != AF_INET6 && c->family != AF_UNIX)
		return "vsock";
	return c->kind != NULL ? c->kind : c->id;
}

int kind_usable(const struct lc_case *c, char *why, size_t len)
{
	char e[32];
	struct sockaddr_storage a;
	socklen_t alen;
	int fd = net_socket(c->family, c->type, c->protocol), err;

	if (fd < 0) {
		err = errno;
		if (err == EPROTONOSUPPORT || err == EAFNOSUPPORT || err == ESOCKTNOSUPPORT ||
		    err == EPROTOTYPE || err == ENOPROTOOPT || err == EOPNOTSUPP || err == EINVAL) {
			char fb[32], pb[32];
			snprintf(why, len, "no %s here: socket(%s, %s, %s): %s", kind_title(c),
				 family_text(c->family, fb, sizeof fb),
				 c->type == SOCK_SEQPACKET ? "SOCK_SEQPACKET" : "SOCK_STREAM",
				 protocol_text(c->protocol, pb, sizeof pb), errno_name(err, e, sizeof e));
			return 0;
		}
		return 1;
	}
	if (c->family != AF_INET && c->family != AF_INET6 && c->family != AF_UNIX) {
		/* vsock: the socket exists wherever the vsock core is loaded;
		 * a local listener needs the loopback transport too. */
		if (sysdep_vsock_local(c->family, &a, &alen, why, len) != 0) {
			net_close(fd);
			return 0;
		}
		if (net_bind(fd, (struct sockaddr *)&a, alen) != 0) {
			err = errno;
			snprintf(why, len, "no vsock loopback transport: bind(VMADDR_CID_LOCAL): %s",
				 errno_name(err, e, sizeof e));
			net_close(fd);
			return 0;
		}
	}
	net_close(fd);
	return 1;
}

/* A client of the case's family and protocol (type: the client's own),
 * connected to the listener at s->addr within CONNECT_WAIT_MS.  Returns its
 * descriptor (kept in the scene), or -1 with o set. */
static int connected_client(const struct lc_case *c, struct scene *s, int type, struct obs *o)
{
	struct pollfd p;
	int fd = make_socket(s, c->family, type, c->protocol, o), e;
	socklen_t el = sizeof e;

	if (fd < 0)
		return -1;
	if (set_nonblocking(fd, 1) != 0) {
		obs_step_errno(o, "fcntl", errno);
		return -1;
	}
	if (net_connect(fd, (struct sockaddr *)&s->addr, s->addrlen) != 0 && errno != EINPROGRESS) {
		obs_step_errno(o, "connect", errno);
		return -1;
	}
	p.fd = fd;
	p.events = POLLOUT;
	p.revents = 0;
	if (net_poll(&p, 1, CONNECT_WAIT_MS) <= 0) {
		obs_step_errno(o, "connect", ETIMEDOUT);
		return -1;
	}
	e = 0;
	if (net_getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el) != 0 || e != 0) {
		obs_step_errno(o, "connect", e != 0 ? e : errno);
		return -1;
	}
	(void)set_nonblocking(fd, 0);
	return fd;
}

/* accept() on the listener once a client is up: the new socket (kept in
 * the scene), or -1 with errno set.  Tried at once, and waited for only
 * when nothing is queued yet (EAGAIN): a one-to-many SCTP listener never
 * becomes readable for a new association, and its accept() fails at once,
 * so a wait before the first try would only cost CONNECT_WAIT_MS. */
static int accept_one(struct scene *s)
{
	struct pollfd p;
	int fd;
	if (set_nonblocking(s->fd, 1) != 0)
		return -1;
	fd = net_accept(s->fd, NULL, NULL);
	if (fd < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		p.fd = s->fd;
		p.events = POLLIN;
		p.revents = 0;
		(void)net_poll(&p, 1, CONNECT_WAIT_MS);
		fd = net_accept(s->fd, NULL, NULL);
	}
	if (fd >= 0)
		scene_keep(s, fd);
	return fd;
}

/* ---- MPTCP: accepted connections are MPTCP ---- */

static const char *const fallback_words[] = {"bad-return", "fallback", "client-fallback", NULL};

/* Token: ok when a connection accepted from an MPTCP listener is MPTCP at
 * both ends; fallback when the accepted socket fell back to plain TCP,
 * client-fallback when only the client did.  A kernel that cannot say is a
 * skip naming why. */
static void do_no_fallback(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char why[200];
	int cfd, afd, a_mptcp = 0, c_mptcp = 0;

	if (lc_listen(s->fd, LC_ERRNO_BACKLOG, "listen", o) != 0)
		return;
	cfd = connected_client(c, s, c->type, o);
	if (cfd < 0)
		return;
	afd = accept_one(s);
	if (afd < 0) {
		obs_step_errno(o, "accept", errno);
		return;
	}
	if (sysdep_mptcp_active(afd, &a_mptcp, why, sizeof why) != 0 ||
	    sysdep_mptcp_active(cfd, &c_mptcp, why, sizeof why) != 0) {
		obs_skip(o, "cannot tell MPTCP from a fallback here: %s", why);
		return;
	}
	if (!a_mptcp)
		obs_word(o, "fallback");
	else if (!c_mptcp)
		obs_word(o, "client-fallback");
	else
		obs_ok(o);
}

const struct observer observe_no_fallback = {"no-fallback", do_no_fallback, fallback_words, 0,
					     NULL};

/* ---- one-to-many SCTP: no accept queue ---- */

static const char *const accept_words[] = {"bad-return", NULL};

/* Token: ok, or the errno accept() fails with, on a listening socket with
 * an association up (the client is a one-to-one socket of the family). */
static void do_accept_call(const struct lc_case *c, struct scene *s, struct obs *o)
{
	if (lc_listen(s->fd, LC_ERRNO_BACKLOG, "listen", o) != 0)
		return;
	if (connected_client(c, s, SOCK_STREAM, o) < 0)
		return;
	if (accept_one(s) < 0)
		obs_errno(o, errno);
	else
		obs_ok(o);
}

const struct observer observe_accept_call = {"accept-call", do_accept_call, accept_words, 0,
					     NULL};

#define ASSOCIATION_CLIENTS 8

/* Token: how many of ASSOCIATION_CLIENTS one-to-one clients, connecting
 * one after the other and never read, get an association with a
 * one-to-many listener of backlog 1. */
static void do_associations(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int i, up = 0;

	if (lc_listen(s->fd, 1, "listen", o) != 0)
		return;
	for (i = 0; i < ASSOCIATION_CLIENTS; i++) {
		struct obs one;
		obs_clear(&one);
		if (connected_client(c, s, SOCK_STREAM, &one) >= 0)
			up++;
		else if (strncmp(one.token, "connect:", 8) != 0) {
			*o = one;
			return;
		}
	}
	obs_int(o, up);
	obs_note(o, "%d of %d clients got an association with listen(fd, 1)", up,
		 ASSOCIATION_CLIENTS);
}

const struct observer observe_associations = {"associations", do_associations, NULL, 1, NULL};

static const char *const one_to_many_words[] = {"bad-return", "accepts", NULL};

/* The depth and relisten rows of a kind without an accept queue: the same
 * listen() calls as the row's own observer, then one client, then accept().
 * Token: listen's failure (listen:ERRNO, relisten:ERRNO) when it fails;
 * accept:ERRNO when accept() fails, as one-to-many SCTP's does, so there
 * is no queue to count; accepts when accept() returned a connection (this
 * system queues them after all: the depth is not counted here). */
static void do_one_to_many(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int first, second = -1;

	if (strncmp(c->id, "relisten.", 9) != 0) {
		if (catalogue_backlog(c, NULL, &first, o) != 0)
			return;
	} else if (c->observer == &observe_one_to_many_word) {
		first = 5, second = 1; /* shrink-pending */
	} else if (c->variant == RELISTEN_GROW) {
		first = 1, second = 8;
	} else {
		first = 5, second = 1;
	}
	if (lc_listen(s->fd, first, "listen", o) != 0)
		return;
	if (second >= 0 && lc_listen(s->fd, second, "relisten", o) != 0)
		return;
	if (connected_client(c, s, SOCK_STREAM, o) < 0)
		return;
	if (accept_one(s) < 0) {
		obs_step_errno(o, "accept", errno);
		obs_note(o, "no accept queue: the association is up, accept() fails");
		return;
	}
	obs_word(o, "accepts");
	obs_note(o, "accept() returned a connection on a one-to-many socket; the depth is not "
		 "counted");
}

const struct observer observe_one_to_many = {"one-to-many", do_one_to_many, one_to_many_words,
					     1, NULL};
const struct observer observe_one_to_many_word = {"one-to-many", do_one_to_many,
						  one_to_many_words, 0, NULL};
