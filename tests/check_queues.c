/* check_queues: the incomplete-connection queue (POSIX A6): how many
 * handshakes a listener holds half-open (synq.*, synq-max8.*,
 * synq-max128.*), what syncookies change (syncookies.*), and whether the
 * backlog limits both queues together or each apart (combined.*).  Each
 * case makes its own private network namespace (run "queues" of
 * tests/runs.c); without privilege every case is a SKIP saying so. */
#include "harness.h"

int main(void)
{
	return harness_main("queues");
}
