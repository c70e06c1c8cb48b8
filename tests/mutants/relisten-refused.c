/* relisten-refused: a second listen() on a listening socket fails with
 * EINVAL (the port checks "state must be unconnected" before "already
 * listening").
 * mutant-kind: bug
 * mutant-imitates: listen() on a listening socket refused (EINVAL)
 * mutant-explains: ^relisten\.
 * mutant-short: check_depth_ns16 */
#include "shim.h"

int listen(int fd, int backlog)
{
	if (is_listening(fd)) {
		errno = EINVAL;
		return -1;
	}
	return real_listen(fd, backlog);
}
