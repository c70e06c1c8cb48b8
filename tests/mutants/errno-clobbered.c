/* errno-clobbered: the wrapper's own bookkeeping after a failed listen()
 * (here: a check whether stderr is a terminal) overwrites errno.
 * mutant-kind: bug
 * mutant-imitates: errno overwritten after a failed listen()
 * mutant-explains: ^errno\.
 * mutant-short: check_errors */
#include "shim.h"

int listen(int fd, int backlog)
{
	int r = real_listen(fd, backlog);
	if (r != 0) {
		/* Deterministic: a pipe is never a terminal, so isatty()
		 * always fails with ENOTTY. */
		int p[2];
		if (pipe(p) == 0) {
			(void)isatty(p[0]);
			close(p[0]);
			close(p[1]);
		}
	}
	return r;
}
