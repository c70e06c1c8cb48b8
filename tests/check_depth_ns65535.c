/* check_depth_ns65535: the largest queues, in a private network namespace
 * whose net.core.somaxconn is 65535: up to 65536 connections wait in each
 * listener (the IPv4 and IPv6 clients come from more than one loopback
 * source address, and more than one process may hold descriptors). */
#include "harness.h"

int main(void)
{
	return harness_main("depth-somaxconn-65535");
}
