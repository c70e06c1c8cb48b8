/* shutdown-listen-einval: listen() on a socket that was shut down fails
 * with EINVAL (POSIX allows it; Linux, the expectation here, does not).
 * mutant-kind: bug
 * mutant-imitates: listen() after shutdown() refused (EINVAL)
 * mutant-explains: ^errno\.shutdown-
 * mutant-short: check_errors */
#include "shim.h"

#define MAXFD 4096
static unsigned char shut[MAXFD];

typedef int (*shutdown_fn)(int, int);

int shutdown(int fd, int how)
{
	NEXT(shutdown_fn, shutdown);
	int r = next_shutdown(fd, how);
	if (fd >= 0 && fd < MAXFD)
		shut[fd] = 1;
	return r;
}

int close(int fd)
{
	NEXT(close_fn, close);
	if (fd >= 0 && fd < MAXFD)
		shut[fd] = 0;
	return next_close(fd);
}

int listen(int fd, int backlog)
{
	if (fd >= 0 && fd < MAXFD && shut[fd]) {
		errno = EINVAL;
		return -1;
	}
	return real_listen(fd, backlog);
}
