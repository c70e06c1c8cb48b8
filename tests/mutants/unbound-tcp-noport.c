/* unbound-tcp-noport: listen() on an unbound TCP socket returns 0 but
 * picks no port (the port skips the automatic bind).
 * mutant-kind: bug
 * mutant-imitates: listen() on an unbound TCP socket succeeds without a port
 * mutant-explains: ^errno\.unbound-tcp
 * mutant-short: check_errors */
#include "shim.h"
#include <netinet/in.h>

int listen(int fd, int backlog)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof a;
	int e = errno, t = sockopt_int(fd, SO_TYPE);
	memset(&a, 0, sizeof a);
	if (t == SOCK_STREAM && getsockname(fd, (struct sockaddr *)&a, &len) == 0 &&
	    (a.ss_family == AF_INET || a.ss_family == AF_INET6) && !has_peer(fd)) {
		unsigned port = a.ss_family == AF_INET
					? ((struct sockaddr_in *)&a)->sin_port
					: ((struct sockaddr_in6 *)&a)->sin6_port;
		if (port == 0) {
			errno = e;
			return 0;
		}
	}
	errno = e;
	return real_listen(fd, backlog);
}
