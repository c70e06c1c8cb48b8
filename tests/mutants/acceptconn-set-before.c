/* acceptconn-set-before: getsockopt(SO_ACCEPTCONN) reports 1 for every
 * connection-mode socket, listening or not (the port answers "can this
 * socket accept connections" instead of "is it listening").
 * mutant-kind: bug
 * mutant-imitates: SO_ACCEPTCONN reads 1 before listen()
 * mutant-explains: ^accepting\.
 * mutant-short: check_errors */
#include "shim.h"

int getsockopt(int fd, int level, int name, void *v, socklen_t *len)
{
	int r = real_getsockopt(fd, level, name, v, len);
	if (r == 0 && level == SOL_SOCKET && name == SO_ACCEPTCONN && *len >= sizeof(int)) {
		int t = sockopt_int(fd, SO_TYPE);
		if (t == SOCK_STREAM || t == SOCK_SEQPACKET)
			*(int *)v = 1;
	}
	return r;
}
