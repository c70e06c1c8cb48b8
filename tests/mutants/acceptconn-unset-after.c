/* acceptconn-unset-after: getsockopt(SO_ACCEPTCONN) always reports 0 (the
 * port never implemented the option's "listening" half).
 * mutant-kind: bug
 * mutant-imitates: SO_ACCEPTCONN reads 0 after listen()
 * mutant-explains: ^accepting\.
 * mutant-short: check_errors */
#include "shim.h"

int getsockopt(int fd, int level, int name, void *v, socklen_t *len)
{
	int r = real_getsockopt(fd, level, name, v, len);
	if (r == 0 && level == SOL_SOCKET && name == SO_ACCEPTCONN && *len >= sizeof(int))
		*(int *)v = 0;
	return r;
}
