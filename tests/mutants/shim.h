/* shim.h: what every mutant shim shares.  A mutant is an LD_PRELOAD library
 * that wraps one libc call of the suite's programs so that the system looks
 * like a port with one bug (or a correct but slow one).  Each file names
 * itself on four lines that tests/mutants/run.sh reads:
 *
 *   mutant-kind: bug | slow
 *   mutant-imitates: what the port gets wrong, in a few words
 *   mutant-explains: an extended regular expression over case ids; the
 *     suite "catches" a bug only when one of these cases fails
 *   mutant-short: the Check programs the short form (CI) runs it against
 *
 * Linux and glibc only (dlsym(RTLD_NEXT)); built without the sanitizers.
 * Nothing here is random: the same run gives the same answers. */
#ifndef MUTANT_SHIM_H
#define MUTANT_SHIM_H
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* The next definition of NAME (libc's), looked up once. */
#define NEXT(type, name) \
	static type next_##name; \
	if (next_##name == NULL) \
		next_##name = (type)dlsym(RTLD_NEXT, #name)

typedef int (*listen_fn)(int, int);
typedef int (*accept_fn)(int, struct sockaddr *, socklen_t *);
typedef int (*accept4_fn)(int, struct sockaddr *, socklen_t *, int);
typedef int (*getsockopt_fn)(int, int, int, void *, socklen_t *);
typedef int (*connect_fn)(int, const struct sockaddr *, socklen_t);
typedef int (*poll_fn)(struct pollfd *, nfds_t, int);
typedef int (*close_fn)(int);

static inline int real_listen(int fd, int backlog)
{
	NEXT(listen_fn, listen);
	return next_listen(fd, backlog);
}

static inline int real_getsockopt(int fd, int level, int name, void *v, socklen_t *len)
{
	NEXT(getsockopt_fn, getsockopt);
	return next_getsockopt(fd, level, name, v, len);
}

/* An integer socket option, or -1 (errno kept). */
static inline int sockopt_int(int fd, int name)
{
	int v = 0, e = errno;
	socklen_t len = sizeof v;
	if (real_getsockopt(fd, SOL_SOCKET, name, &v, &len) != 0)
		v = -1;
	errno = e;
	return v;
}

static inline int is_listening(int fd)
{
	return sockopt_int(fd, SO_ACCEPTCONN) == 1;
}

/* The socket's address family, or -1 (errno kept). */
static inline int sock_family(int fd)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof a;
	int e = errno, f = -1;
	memset(&a, 0, sizeof a);
	if (getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		f = a.ss_family;
	errno = e;
	return f;
}

/* An AF_UNIX socket with no name of its own. */
static inline int unix_unbound(int fd)
{
	struct sockaddr_un a;
	socklen_t len = sizeof a;
	int e = errno, r = 0;
	memset(&a, 0, sizeof a);
	if (getsockname(fd, (struct sockaddr *)&a, &len) == 0 && a.sun_family == AF_UNIX)
		r = len <= offsetof(struct sockaddr_un, sun_path) || a.sun_path[0] == '\0';
	errno = e;
	return r;
}

static inline int has_peer(int fd)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof a;
	int e = errno, r = getpeername(fd, (struct sockaddr *)&a, &len) == 0;
	errno = e;
	return r;
}

static inline void sleep_us(long us)
{
	struct timespec ts;
	int e = errno;
	ts.tv_sec = us / 1000000;
	ts.tv_nsec = (us % 1000000) * 1000;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	errno = e;
}

static inline long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A shim whose bug is a change of listen()'s backlog: expr, over the
 * caller's backlog b, is what the port passes on instead. */
#define LISTEN_BACKLOG_SHIM(expr) \
	int listen(int fd, int backlog) \
	{ \
		int b = backlog; \
		(void)b; \
		return real_listen(fd, (expr)); \
	}

/* A shim whose bug is one errno reported as another. */
#define LISTEN_ERRNO_SHIM(from, to) \
	int listen(int fd, int backlog) \
	{ \
		int r = real_listen(fd, backlog); \
		if (r != 0 && errno == (from)) \
			errno = (to); \
		return r; \
	}

#endif
