/* connected-listen-ok: listen() on a connected socket returns 0 without
 * doing anything (the port checks only that the socket is connection-mode).
 * mutant-kind: bug
 * mutant-imitates: listen() on a connected socket succeeds
 * mutant-explains: ^errno\.(socketpair-stream|connected-|accepted-)
 * mutant-short: check_errors */
#include "shim.h"

int listen(int fd, int backlog)
{
	int t = sockopt_int(fd, SO_TYPE);
	if ((t == SOCK_STREAM || t == SOCK_SEQPACKET) && has_peer(fd))
		return 0;
	return real_listen(fd, backlog);
}
