/* check_overflow: what a client gets from a full queue (overflow.*): a
 * non-blocking and a blocking connect() to a full listen(fd, 1), whether a
 * refused client gets in by itself once one accept() makes room, and (in
 * private network namespaces) what net.ipv4.tcp_abort_on_overflow 0 and 1
 * do to a final ACK on a full accept queue (run "overflow" of
 * tests/runs.c). */
#include "harness.h"

int main(void)
{
	return harness_main("overflow");
}
