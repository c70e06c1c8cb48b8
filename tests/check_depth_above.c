/* check_depth_above: in a private network namespace whose
 * net.core.somaxconn is above the header's SOMAXCONN (by a quarter), the
 * backlog labels whose meaning depends on the two limits (negative ones,
 * SOMAXCONN, somaxconn, somaxconn+1, 32768).  Where the two limits are
 * equal, as on the host here, a C library that replaced a negative backlog
 * by SOMAXCONN would pass unseen. */
#include "harness.h"

int main(void)
{
	return harness_main("depth-above-SOMAXCONN");
}
