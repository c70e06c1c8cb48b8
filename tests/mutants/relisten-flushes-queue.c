/* relisten-flushes-queue: a second listen() drops the connections already
 * waiting (the port rebuilds the listener's queue).
 * mutant-kind: bug
 * mutant-imitates: listen() on a listening socket drops the queued connections
 * mutant-explains: ^relisten\.[a-z0-9-]+\.shrink-pending$
 * mutant-short: check_depth_ns16 */
#include "shim.h"

int listen(int fd, int backlog)
{
	if (is_listening(fd)) {
		int e = errno, flags = fcntl(fd, F_GETFL);
		if (flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0) {
			int c;
			while ((c = accept(fd, NULL, NULL)) >= 0)
				close(c);
			fcntl(fd, F_SETFL, flags);
		}
		errno = e;
	}
	return real_listen(fd, backlog);
}
