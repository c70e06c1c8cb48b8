/* slow-listen: a correct port whose listen() takes 20 ms.
 * mutant-kind: slow
 * mutant-imitates: listen() sleeps 20 ms, then is correct
 * mutant-explains: -
 * mutant-short: check_errors check_depth_ns16 */
#include "shim.h"

int listen(int fd, int backlog)
{
	sleep_us(20000);
	return real_listen(fd, backlog);
}
