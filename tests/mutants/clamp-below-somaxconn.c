/* clamp-below-somaxconn: the port clamps with >= where the kernel uses >,
 * so a backlog of somaxconn or more becomes somaxconn - 1.
 * mutant-kind: bug
 * mutant-imitates: the clamp to somaxconn off by one (>= for >)
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.(SOMAXCONN|somaxconn|somaxconn\+1|INT_MAX|32768|65536|-1|INT_MIN)$
 * mutant-short: check_depth_ns16 */
#include "shim.h"

static long somaxconn(void)
{
	int e = errno;
	long v = -1;
	FILE *f = fopen("/proc/sys/net/core/somaxconn", "r");
	if (f != NULL) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	errno = e;
	return v;
}

int listen(int fd, int backlog)
{
	long max = somaxconn();
	if (max > 0 && (unsigned)backlog >= (unsigned long)max)
		backlog = (int)max - 1;
	return real_listen(fd, backlog);
}
