/* check_depth: queue depths, the kernel's view of the backlog, and calling
 * listen() again (depth.*, limit.*, relisten.*), at the host's own
 * net.core.somaxconn (run "depth" of tests/runs.c). */
#include "harness.h"

int main(void)
{
	return harness_main("depth");
}
