/* acceptconn-unix-unset: SO_ACCEPTCONN works for TCP only and reads 0 on a
 * listening AF_UNIX socket (what gVisor does; a bug where the expectation,
 * here Linux, says otherwise).
 * mutant-kind: bug
 * mutant-imitates: SO_ACCEPTCONN reads 0 on listening AF_UNIX sockets, as gVisor
 * mutant-explains: ^accepting\.unix-
 * mutant-short: check_errors */
#include "shim.h"

int getsockopt(int fd, int level, int name, void *v, socklen_t *len)
{
	int r = real_getsockopt(fd, level, name, v, len);
	if (r == 0 && level == SOL_SOCKET && name == SO_ACCEPTCONN && *len >= sizeof(int) &&
	    sock_family(fd) == AF_UNIX)
		*(int *)v = 0;
	return r;
}
