/* check_depth_ns16: the whole depth area again inside a private network
 * namespace whose net.core.somaxconn is 16, below SOMAXCONN, so clamping
 * shows at small values.  Without privilege every case is a SKIP with the
 * reason. */
#include "harness.h"

int main(void)
{
	return harness_main("depth-somaxconn-16");
}
