/* relisten-ignored: a second listen() on a listening socket returns 0 but
 * keeps the old backlog.
 * mutant-kind: bug
 * mutant-imitates: listen() on a listening socket returns 0, changes nothing
 * mutant-explains: ^relisten\.[a-z0-9-]+\.(grow|shrink|shrink-pending)$
 * mutant-short: check_depth_ns16 */
#include "shim.h"

int listen(int fd, int backlog)
{
	if (is_listening(fd))
		return 0;
	return real_listen(fd, backlog);
}
