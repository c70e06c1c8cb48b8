/* net-system.c: the default stack behind net.h, the system's own.  The
 * socket calls themselves are inline in net.h; this file has the rest of
 * the seam. */
#include "net.h"

#ifndef LC_NET_STACK
int net_start(char *why, size_t len)
{
	(void)why;
	(void)len;
	return 0;
}

const char *net_stack_name(void)
{
	return "system";
}

const char *net_lacks(enum net_facility f)
{
	(void)f;
	return NULL; /* what the system lacks, sysdep.c and sockutil.c find out */
}
#else
/* Built with another stack: its lib/os/net-NAME.c defines all of the seam. */
typedef int net_system_unused;
#endif
