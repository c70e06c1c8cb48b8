/* connecting-listen-ok: listen() on a TCP socket whose connect() is still
 * in progress returns 0 without doing anything (the port checks only for
 * an established peer).
 * mutant-kind: bug
 * mutant-imitates: listen() on a connecting TCP socket succeeds
 * mutant-explains: ^errno\.connecting-
 * mutant-short: check_errors */
#include "shim.h"
#include <netinet/in.h>
#include <netinet/tcp.h>

int listen(int fd, int backlog)
{
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	int e = errno;
	memset(&ti, 0, sizeof ti);
	if (sockopt_int(fd, SO_TYPE) == SOCK_STREAM && sock_family(fd) != AF_UNIX &&
	    real_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	    ti.tcpi_state == TCP_SYN_SENT) {
		errno = e;
		return 0;
	}
	errno = e;
	return real_listen(fd, backlog);
}
