/* unbound-unix-ok: listen() on an AF_UNIX socket with no name succeeds
 * (where POSIX says EDESTADDRREQ and Linux EINVAL): the port checks that
 * the socket is connection-mode, but not that it has an address.
 * mutant-kind: bug
 * mutant-imitates: listen() on an unbound AF_UNIX socket returns 0
 * mutant-explains: ^errno\.unbound-unix-
 * mutant-short: check_errors */
#include "shim.h"

int listen(int fd, int backlog)
{
	int t = sockopt_int(fd, SO_TYPE);
	if ((t == SOCK_STREAM || t == SOCK_SEQPACKET) && unix_unbound(fd) && !has_peer(fd))
		return 0;
	return real_listen(fd, backlog);
}
