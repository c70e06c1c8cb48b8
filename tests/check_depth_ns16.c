/* check_depth_ns16: the whole depth area again inside a private network
 * namespace whose net.core.somaxconn is 16, so clamping shows at small
 * values.  Without privilege every case is a SKIP with the reason. */
#include "harness.h"

int main(void)
{
	static const char *const prefixes[] = {"depth.", "limit.", "relisten.", NULL};
	return harness_area_main("depth-somaxconn-16", prefixes, 16);
}
