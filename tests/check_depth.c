/* check_depth: queue depths, the kernel's view of the backlog, and calling
 * listen() again (depth.*, limit.*, relisten.*), at the host's own
 * net.core.somaxconn. */
#include "harness.h"

int main(void)
{
	static const char *const prefixes[] = {"depth.", "limit.", "relisten.", NULL};
	return harness_area_main("depth", prefixes, -1);
}
