/* listen-shim.c: an LD_PRELOAD library for tests/wildcard.sh.  It sees
 * every listen() the suite makes, whatever code path makes it, and appends
 * one line per call to $LC_LISTEN_LOG:
 *
 *   inet loopback host | inet wildcard private | unix private | ... VIOLATION
 *
 * A listener on a wildcard or non-loopback address in the host's network
 * namespace, or on an AF_UNIX path outside $LC_PRIVATE_PREFIX, is a
 * VIOLATION: it is logged and refused (EPERM), so it never exists.  Only
 * connection-mode sockets (stream, seqpacket) can become listeners; other
 * calls are logged as "nolisten" and passed through.  The host's namespace
 * is the one the process started in, or $LC_HOST_NETNS. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static char host_ns[64];

static void netns(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/ns/net", buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
}

__attribute__((constructor)) static void init(void)
{
	const char *env = getenv("LC_HOST_NETNS");
	if (env != NULL && env[0] != '\0')
		snprintf(host_ns, sizeof host_ns, "%s", env);
	else
		netns(host_ns, sizeof host_ns);
}

static void log_line(const char *line)
{
	const char *path = getenv("LC_LISTEN_LOG");
	int fd;
	if (path == NULL)
		return;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		ssize_t w = write(fd, line, strlen(line));
		(void)w;
		close(fd);
	}
}

int listen(int fd, int backlog)
{
	static int (*real_listen)(int, int);
	struct sockaddr_storage a;
	socklen_t len = sizeof a;
	const char *kind = "other", *family = "other", *prefix = getenv("LC_PRIVATE_PREFIX");
	char ns[64], line[256];
	int host, bad = 0, type = 0;
	socklen_t tlen = sizeof type;

	if (real_listen == NULL)
		real_listen = (int (*)(int, int))dlsym(RTLD_NEXT, "listen");
	memset(&a, 0, sizeof a);
	netns(ns, sizeof ns);
	host = strcmp(ns, host_ns) == 0;
	if (getsockname(fd, (struct sockaddr *)&a, &len) == 0) {
		if (a.ss_family == AF_INET) {
			in_addr_t ip = ntohl(((struct sockaddr_in *)&a)->sin_addr.s_addr);
			family = "inet";
			kind = ip == INADDR_ANY ? "wildcard" : (ip >> 24) == 127 ? "loopback" : "other";
			bad = host && strcmp(kind, "loopback") != 0;
		} else if (a.ss_family == AF_INET6) {
			const struct in6_addr *ip = &((struct sockaddr_in6 *)&a)->sin6_addr;
			family = "inet6";
			kind = IN6_IS_ADDR_UNSPECIFIED(ip) ? "wildcard"
			       : IN6_IS_ADDR_LOOPBACK(ip) ? "loopback" : "other";
			bad = host && strcmp(kind, "loopback") != 0;
		} else if (a.ss_family == AF_UNIX) {
			const char *path = ((struct sockaddr_un *)&a)->sun_path;
			family = "unix";
			kind = path[0] == '\0' ? "unbound"
			       : (prefix != NULL && strncmp(path, prefix, strlen(prefix)) == 0)
				   ? "private" : "public";
			bad = strcmp(kind, "public") == 0;
		} else {
			/* not a socket, or a family the suite does not listen on */
			family = "none";
		}
	}
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen) != 0 ||
	    (type != SOCK_STREAM && type != SOCK_SEQPACKET)) {
		family = "nolisten";
		kind = "-";
		bad = 0;
	}
	snprintf(line, sizeof line, "%s %s %s%s\n", family, kind, host ? "host" : "private",
		 bad ? " VIOLATION" : "");
	log_line(line);
	if (bad) {
		errno = EPERM;
		return -1;
	}
	return real_listen(fd, backlog);
}
