/* check_depth_ns65535: the largest queues, in a private network namespace
 * whose net.core.somaxconn is 65535: 65536 connections wait in each of
 * these listeners (more than one source address has ephemeral ports, and
 * more than one process may hold descriptors here). */
#include "harness.h"

int main(void)
{
	static const char *const ids[] = {
		"depth.tcp4.INT_MAX", "depth.unix-stream.INT_MAX", "limit.tcp4.INT_MAX", NULL,
	};
	return harness_area_main("depth-somaxconn-65535", ids, 65535);
}
