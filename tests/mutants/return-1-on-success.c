/* return-1-on-success: listen() returns 1 on success (a port returning the
 * kernel's "count" or a C library passing a positive value through).
 * mutant-kind: bug
 * mutant-imitates: listen() returns 1 on success
 * mutant-explains: ^(accepting|errno\.unbound-tcp|errno\.shutdown-)
 * mutant-says: observed bad-return
 * mutant-never-says: observed (listen|listener|relisten|first-listen):E[A-Z]
 * mutant-short: check_errors check_depth */
#include "shim.h"

int listen(int fd, int backlog)
{
	int r = real_listen(fd, backlog);
	return r == 0 ? 1 : r;
}
