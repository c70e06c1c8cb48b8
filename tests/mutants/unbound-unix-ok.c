/* unbound-unix-ok: listen() on an AF_UNIX socket with no name succeeds
 * (where POSIX says EDESTADDRREQ and Linux EINVAL): the port does not
 * check for an address.
 * mutant-kind: bug
 * mutant-imitates: listen() on an unbound AF_UNIX socket returns 0
 * mutant-explains: ^errno\.unbound-unix-
 * mutant-short: check_errors */
#include "shim.h"

int listen(int fd, int backlog)
{
	if (unix_unbound(fd) && !has_peer(fd))
		return 0;
	return real_listen(fd, backlog);
}
