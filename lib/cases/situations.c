/* situations.c: the socket states the cases observe.
 *
 * Each function builds one kind of state from the row's parameters (family,
 * type, protocol, variant) and sets scene.fd to the descriptor under test.
 * All addresses are loopback or private paths (sockutil.c). */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "sockutil.h"
#include "sysdep.h"
#include "errnames.h"
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/un.h>
#include <unistd.h>

/* A descriptor number that is not open: negative, just closed, or at the
 * process's RLIMIT_NOFILE (one past the highest number it may hold). */
int sit_bad_fd(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct rlimit rl;
	int fd;

	switch (c->variant) {
	case BADFD_NEGATIVE:
		s->fd = -1;
		return 0;
	case BADFD_CLOSED:
		fd = net_socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0) {
			obs_step_errno(o, "socket", errno);
			return -1;
		}
		net_close(fd);
		s->fd = fd;
		return 0;
	default:
		if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
			obs_step_errno(o, "getrlimit", errno);
			return -1;
		}
		s->fd = (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (rlim_t)INT_MAX)
				? INT_MAX : (int)rl.rlim_cur;
		obs_note(o, "fd %d (RLIMIT_NOFILE soft limit %d)", s->fd, s->fd);
		return 0;
	}
}

/* An open descriptor that is not a socket. */
int sit_not_socket(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char why[200];
	const char *dir;
	int p[2];

	if (net_lacks(NET_HOST_DESCRIPTORS) != NULL) {
		obs_skip(o, "needs a descriptor that is no socket: %s",
			 net_lacks(NET_HOST_DESCRIPTORS));
		return -1;
	}
	switch (c->variant) {
	case FILE_PIPE:
		if (pipe(p) != 0) {
			obs_step_errno(o, "pipe", errno);
			return -1;
		}
		scene_keep(s, p[1]);
		s->fd = scene_keep(s, p[0]);
		break;
	case FILE_CHARDEV:
		s->fd = scene_keep(s, open("/dev/null", O_RDWR));
		if (s->fd < 0) {
			obs_step_errno(o, "open", errno);
			return -1;
		}
		break;
	default:
		dir = lc_tmpdir(why, sizeof why);
		if (dir == NULL) {
			obs_skip(o, "%s", why);
			return -1;
		}
		if (c->variant == FILE_DIRECTORY) {
			s->fd = scene_keep(s, open(dir, O_RDONLY | O_DIRECTORY));
		} else {
			char path[256];
			snprintf(path, sizeof path, "%s/regular-file", dir);
			s->fd = scene_keep(s, open(path, O_RDWR | O_CREAT | O_EXCL, 0600));
			scene_keep_path(s, path);
		}
		if (s->fd < 0) {
			obs_step_errno(o, "open", errno);
			return -1;
		}
	}
	return 0;
}

/* A socket straight from socket(): never bound, never connected.  Raw
 * sockets need privilege: without it the case is skipped. */
int sit_fresh_socket(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int fd = net_socket(c->family, c->type, c->protocol);
	if (fd < 0) {
		int e = errno;
		if (c->type == SOCK_RAW && (e == EPERM || e == EACCES)) {
			obs_skip(o, "raw sockets need privilege (CAP_NET_RAW or root): socket: %s",
				 strerror(e));
			return -1;
		}
		obs_step_errno(o, "socket", e);
		return -1;
	}
	s->fd = scene_keep(s, fd);
	return 0;
}

/* A socket bound to a loopback address or private path, not listening. */
int sit_bound(const struct lc_case *c, struct scene *s, struct obs *o)
{
	s->fd = bound_socket_proto(s, c->family, c->type, c->protocol, &s->addr, &s->addrlen, o);
	return s->fd < 0 ? -1 : 0;
}

/* One end of a socketpair(AF_UNIX, type): connected from birth, unbound. */
int sit_socketpair(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int sv[2];
	if (net_lacks(NET_AF_UNIX) != NULL) {
		obs_skip(o, "socketpair() makes AF_UNIX sockets: %s", net_lacks(NET_AF_UNIX));
		return -1;
	}
	if (net_socketpair(AF_UNIX, c->type, 0, sv) != 0) {
		obs_step_errno(o, "socketpair", errno);
		return -1;
	}
	scene_keep(s, sv[1]);
	s->fd = scene_keep(s, sv[0]);
	return 0;
}

/* A connection to a loopback listener; the variant says which end is
 * observed: the client, the socket accept() returned, or a client that was
 * bound to its own address before it connected. */
int sit_connected(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage la, ca;
	socklen_t llen, clen;
	int lfd, cfd, afd;

	lfd = listening_socket_proto(s, c->family, c->type, c->protocol, 4, &la, &llen, o);
	if (lfd < 0)
		return -1;
	if (c->variant == END_BOUND_CLIENT)
		cfd = bound_socket_proto(s, c->family, c->type, c->protocol, &ca, &clen, o);
	else
		cfd = make_socket(s, c->family, c->type, c->protocol, o);
	if (cfd < 0)
		return -1;
	if (net_connect(cfd, (struct sockaddr *)&la, llen) != 0) {
		obs_step_errno(o, "connect", errno);
		return -1;
	}
	if (c->variant != END_ACCEPTED) {
		s->fd = cfd;
		return 0;
	}
	afd = net_accept(lfd, NULL, NULL);
	if (afd < 0) {
		obs_step_errno(o, "accept", errno);
		return -1;
	}
	s->fd = scene_keep(s, afd);
	return 0;
}

/* How many connects sit_connecting tries before giving up, and how long it
 * waits to confirm that one is stuck (on Linux a SYN to a full queue is
 * dropped and retried after a second, so 100 ms is ample). */
#define CONNECTING_ATTEMPTS 64
#define CONNECTING_CONFIRM_MS 100

/* A TCP socket whose non-blocking connect() is still in progress.  Staged
 * without any outside address: the loopback listener's queue (backlog 1) is
 * filled until a connect stays pending because its SYN gets no answer. */
int sit_connecting(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage la;
	socklen_t llen;
	int i;

	if (listening_socket(s, c->family, SOCK_STREAM, 1, &la, &llen, o) < 0)
		return -1;
	for (i = 0; i < CONNECTING_ATTEMPTS; i++) {
		struct pollfd pfd;
		int fd = make_socket(s, c->family, SOCK_STREAM, 0, o);
		if (fd < 0)
			return -1;
		if (set_nonblocking(fd, 1) != 0) {
			obs_step_errno(o, "fcntl", errno);
			return -1;
		}
		if (net_connect(fd, (struct sockaddr *)&la, llen) == 0)
			continue;
		if (errno != EINPROGRESS) {
			obs_step_errno(o, "connect", errno);
			return -1;
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		pfd.revents = 0;
		if (net_poll(&pfd, 1, CONNECTING_CONFIRM_MS) == 0) {
			s->fd = fd;
			obs_note(o, "connect %d of %d still in progress after %d ms", i + 1,
				 CONNECTING_ATTEMPTS, CONNECTING_CONFIRM_MS);
			return 0;
		}
	}
	obs_skip(o, "every one of %d connects completed; none could be held in progress",
		 CONNECTING_ATTEMPTS);
	return -1;
}

/* Two sockets with SO_REUSEADDR bound to the same loopback address and port;
 * the first listens, the second is observed. */
int sit_reuseaddr_twin(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage a;
	socklen_t alen;
	int one = 1, first, second;

	if (loopback_addr(c->family, &a, &alen, o) != 0)
		return -1;
	first = make_socket(s, c->family, SOCK_STREAM, 0, o);
	if (first < 0)
		return -1;
	second = make_socket(s, c->family, SOCK_STREAM, 0, o);
	if (second < 0)
		return -1;
	if (net_setsockopt(first, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    net_setsockopt(second, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0) {
		obs_step_errno(o, "setsockopt", errno);
		return -1;
	}
	if (net_bind(first, (struct sockaddr *)&a, alen) != 0 ||
	    net_getsockname(first, (struct sockaddr *)&a, &alen) != 0) {
		obs_step_errno(o, "bind", errno);
		return -1;
	}
	if (net_bind(second, (struct sockaddr *)&a, alen) != 0) {
		obs_step_errno(o, "bind", errno);
		return -1;
	}
	if (lc_listen(first, LC_ERRNO_BACKLOG, "first-listen", o) != 0)
		return -1;
	s->fd = second;
	return 0;
}

/* A TCP socket bound to loopback (so it can never listen on a wildcard
 * address), never connected, then shut down in both directions.  What
 * shutdown() itself returned goes into the note. */
int sit_shutdown(const struct lc_case *c, struct scene *s, struct obs *o)
{
	if (sit_bound(c, s, o) != 0)
		return -1;
	if (net_shutdown(s->fd, SHUT_RDWR) == 0) {
		obs_note(o, "shutdown() returned 0");
	} else {
		char e[32];
		obs_note(o, "shutdown() failed: %s", errno_name(errno, e, sizeof e));
	}
	return 0;
}

/* An unbound TCP socket when no ephemeral port is free.  Runs only inside a
 * private network namespace (NEED_NETNS): a port P is taken by a socket bound
 * to 127.0.0.1, then that namespace's ip_local_port_range is narrowed to
 * "P P".  The host's range is never touched. */
int sit_ports_exhausted(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage a;
	socklen_t alen;
	char range[32], why[200];
	unsigned port;

	if (bound_socket(s, c->family, SOCK_STREAM, &a, &alen, o) < 0)
		return -1;
	port = sockaddr_port(&a);
	snprintf(range, sizeof range, "%u %u", port, port);
	if (sysdep_netns_write("net/ipv4/ip_local_port_range", range, why, sizeof why) != 0) {
		obs_skip(o, "%s", why);
		return -1;
	}
	obs_note(o, "ephemeral port range narrowed to one port, which is taken");
	return sit_fresh_socket(c, s, o);
}
