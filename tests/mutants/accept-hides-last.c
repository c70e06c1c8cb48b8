/* accept-hides-last: a non-blocking accept() loses the last connection in
 * the queue (the port's queue walk stops one early): it is closed and
 * accept() says EAGAIN.
 * mutant-kind: bug
 * mutant-imitates: accept() hands out one connection fewer
 * mutant-explains: ^(depth|relisten)\.
 * mutant-short: check_depth_ns16 */
#include "shim.h"

static int hide(int fd, int c)
{
	struct pollfd p;
	int flags = fcntl(fd, F_GETFL);
	if (c < 0 || flags < 0 || (flags & O_NONBLOCK) == 0)
		return c;
	p.fd = fd;
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, 0) == 0) {
		close(c);
		errno = EAGAIN;
		return -1;
	}
	return c;
}

int accept(int fd, struct sockaddr *a, socklen_t *len)
{
	NEXT(accept_fn, accept);
	return hide(fd, next_accept(fd, a, len));
}

int accept4(int fd, struct sockaddr *a, socklen_t *len, int flags)
{
	NEXT(accept4_fn, accept4);
	return hide(fd, next_accept4(fd, a, len, flags));
}
